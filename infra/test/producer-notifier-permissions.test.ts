import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';
import { resourceNamed, resourcesOf } from './template-queries.js';

const FUNCTION_NAME = 'ocop-sync-prod-producer-notifier';
let template: Template;

beforeAll(() => {
  template = synthesize().template;
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function functionOf(name: string) {
  return resourceNamed(template, 'AWS::Lambda::Function', 'FunctionName', name).resource;
}

/** The allow statements of every policy attached to one function's role. */
function allowStatementsOf(name: string): Statement[] {
  const roleId = (functionOf(name).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
}

const actionsIn = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe('the producer-notifier role (it keeps producers’ webhook secrets in Secrets Manager)', () => {
  it('reads, creates and rotates secrets under ocop-sync/webhooks/ only, and deletes none', () => {
    const secretStatements = allowStatementsOf(FUNCTION_NAME).filter((statement) =>
      actionsIn(statement).some((action) => action.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toHaveLength(1);
    const [statement] = secretStatements;
    if (statement === undefined) throw new Error('no Secrets Manager statement');
    expect([...actionsIn(statement)].sort()).toEqual([
      'secretsmanager:CreateSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    const resources = JSON.stringify(statement.Resource);
    expect(resources).toContain(':secret:ocop-sync/webhooks/*');
    expect(resources).not.toContain('ocop-sync/shops/');
    expect(resources).not.toContain('marketplace-apps');
  });

  it('is told the name prefix of those secrets', () => {
    const variables = (
      functionOf(FUNCTION_NAME).Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(variables.WEBHOOK_SECRET_NAME_PREFIX).toBe('ocop-sync/webhooks/');
    expect(variables.OCOP_MODE).toBe('production');
  });
});
