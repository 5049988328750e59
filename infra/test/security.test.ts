import { Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OcopSyncStack } from '../lib/ocop-sync-stack.js';
import { type SynthOptions, synthesize, type ValidationReport } from './synthesize.js';
import { resourcesOf } from './template-queries.js';

let template: Template;
let stack: OcopSyncStack;
let report: ValidationReport;

beforeAll(() => {
  // CDK's CloudFormation schema check runs here too, as in `cdk synth`.
  const options: SynthOptions = { cloudFormationValidation: true };
  ({ template, stack, validationReport: report } = synthesize(options));
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function allowStatements(): Statement[] {
  const documents = [
    ...Object.values(resourcesOf(template, 'AWS::IAM::Policy')).map(
      (policy) => policy.Properties.PolicyDocument,
    ),
    ...Object.values(resourcesOf(template, 'AWS::IAM::Role')).flatMap((role) =>
      ((role.Properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map(
        (p) => p.PolicyDocument,
      ),
    ),
  ] as { Statement: Statement[] }[];
  return documents
    .flatMap((document) => document.Statement)
    .filter((statement) => statement.Effect === 'Allow');
}

/** A resource as one string: references become `<LogicalId>` or `<LogicalId.Attr>`. */
function flatten(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(flatten).join(',');
  if (typeof node === 'object' && node !== null) {
    if ('Fn::Join' in node && Array.isArray(node['Fn::Join'])) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(delimiter);
    }
    if ('Fn::GetAtt' in node && Array.isArray(node['Fn::GetAtt'])) return `<${node['Fn::GetAtt'].join('.')}>`;
    if ('Ref' in node) return `<${String(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Every wildcard the stack may grant, with why (see the acknowledgements in the constructs). */
const explainedWildcards: readonly { resource: RegExp; actions: RegExp; why: string }[] = [
  {
    resource: /^\*$/,
    actions: /^xray:Put(TraceSegments|TelemetryRecords)$/,
    why: 'X-Ray has no resource ARNs',
  },
  {
    resource:
      /^arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:ocop-sync\/(shops|webhooks)\/\*$/,
    actions:
      /^secretsmanager:(GetSecretValue|DescribeSecret|PutSecretValue|CreateSecret|UpdateSecretVersionStage|DeleteSecret)$/,
    why: 'per-producer secrets created at run time under a prefix',
  },
  {
    resource: /^<\w+\.Arn>:\*$/,
    actions: /^lambda:InvokeFunction$/,
    why: "one function's versions and aliases",
  },
];

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no finding that is not acknowledged', () => {
    const findings = report.pluginReports.flatMap((plugin) => plugin.violations.map((v) => v.ruleName));
    expect(findings).toEqual([]);
  });

  it('acknowledges only specific rules (a wildcard finding names its resource), each with a reason', () => {
    const acknowledgements = stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
      );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-(L1|SMG4|SQS3|APIG4|COG2|IAM5\[Resource::.+\])$/);
      expect(reason.length).toBeGreaterThan(60);
    }
    const distinct = [...new Set(acknowledgements.map(([id]) => id.replace(/^Annotation::/, '')))].sort();
    expect(distinct).toMatchSnapshot();
  });
});

describe('IAM', () => {
  it('grants no wildcard action', () => {
    const actions = allowStatements().flatMap((statement) => asArray(statement.Action));
    expect(actions.filter((action) => String(action).includes('*'))).toEqual([]);
  });

  it('grants a wildcard resource only where the table above explains it', () => {
    for (const statement of allowStatements()) {
      for (const resource of asArray(statement.Resource)
        .map(flatten)
        .filter((r) => r.includes('*'))) {
        const explanation = explainedWildcards.find((allowed) => allowed.resource.test(resource));
        expect(explanation, `unexplained wildcard resource ${resource}`).toBeDefined();
        for (const action of asArray(statement.Action))
          expect(String(action)).toMatch(explanation?.actions ?? /^$/);
      }
    }
  });

  it('attaches no AWS managed policy', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('gives each function a role of its own', () => {
    const roles = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map((fn) =>
      flatten(fn.Properties.Role),
    );
    expect(new Set(roles).size).toBe(roles.length);
  });
});

describe('secrets in the template', () => {
  it('sets no secret value: the marketplace secret is generated, never written', () => {
    for (const secret of Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret'))) {
      expect(secret.Properties.SecretString).toBeUndefined();
    }
  });

  it('passes functions secret names, never secret values', () => {
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
      const { Variables } = fn.Properties.Environment as { Variables: Record<string, unknown> };
      // A secret's name (or a name prefix) is fine; anything else that sounds like a credential is not.
      const secretLooking = Object.keys(Variables).filter(
        (key) => !/_SECRET_NAME(_PREFIX)?$/.test(key) && /KEY|TOKEN|PASSWORD|SECRET/.test(key),
      );
      expect(secretLooking).toEqual([]);
    }
  });

  it('contains nothing shaped like a credential', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(
      /whsec_|-----BEGIN|AKIA[0-9A-Z]{16}|"(partnerKey|appSecret|accessToken|refreshToken)"/,
    );
  });
});
