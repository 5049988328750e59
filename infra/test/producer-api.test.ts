import { apiEnvironment } from '@ocop-sync/producer-api';
import { functionEnvironment, type HttpRoute, routingTable } from '@ocop-sync/routing';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type ValidationReport } from './synthesize.js';
import { type CfnResource, resourceNamed, resourcesOf } from './template-queries.js';

const FUNCTION_NAME = 'ocop-sync-prod-producer-api';
const route = routingTable.find((candidate): candidate is HttpRoute => candidate.handler === 'producer-api');
let template: Template;
let report: ValidationReport;

beforeAll(() => {
  ({ template, validationReport: report } = synthesize());
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const functionOf = () => resourceNamed(template, 'AWS::Lambda::Function', 'FunctionName', FUNCTION_NAME);
const variablesOf = () =>
  (functionOf().resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const onlyOf = (type: string): [string, CfnResource] => {
  const [only, ...others] = Object.entries(resourcesOf(template, type));
  if (only === undefined || others.length > 0) throw new Error(`expected one ${type}`);
  return only;
};

function allowStatements(): Statement[] {
  const roleId = (functionOf().resource.Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
}

const actionsIn = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** The sorted actions the role may take on resources whose text contains `fragment`. */
function actionsOn(fragment: string): string[] {
  return allowStatements()
    .filter((statement) => JSON.stringify(statement.Resource).includes(fragment))
    .flatMap(actionsIn)
    .sort();
}

describe('cdk-nag (AwsSolutions) with the producer API', () => {
  it('reports no finding that is not acknowledged', () => {
    expect(report.pluginReports.flatMap((plugin) => plugin.violations.map((v) => v.ruleName))).toEqual([]);
  });
});

describe('the producer API user pool (Cognito)', () => {
  it('signs in by e-mail, creates accounts only by an administrator, and offers TOTP MFA', () => {
    const [, pool] = onlyOf('AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    expect(pool.DeletionPolicy).toBe('Retain');
    const custom = (pool.Properties.Schema as { Name: string }[]).map((attribute) => attribute.Name).sort();
    expect(custom).toEqual(expect.arrayContaining(['district', 'producer_id', 'province']));
  });

  it('has one group per role', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup'))
      .map((group) => group.Properties.GroupName)
      .sort();
    expect(groups).toEqual(['district-official', 'operator', 'producer', 'provincial-official']);
  });

  it('has a public app client (SRP, no secret) that cannot write the attributes scoping a user', () => {
    const [, client] = onlyOf('AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(client.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    const writable = client.Properties.WriteAttributes as string[];
    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((name) => name.startsWith('custom:'))).toEqual([]);
    expect(client.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:producer_id', 'custom:province', 'custom:district']),
    );
  });
});

describe('the producer-api function', () => {
  it("is told the pool's issuer, the client id as audience, the JWKS, the state secret and its own URL", () => {
    const [poolId] = onlyOf('AWS::Cognito::UserPool');
    const [clientId] = onlyOf('AWS::Cognito::UserPoolClient');
    const api = resourceNamed(template, 'AWS::ApiGatewayV2::Api', 'Name', FUNCTION_NAME);
    const variables = JSON.stringify(variablesOf());
    const issuer = `"https://cognito-idp.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"/",{"Ref":"${poolId}"}`;
    expect(variables).toContain(`"API_JWT_ISSUER":{"Fn::Join":["",[${issuer}]]}`);
    expect(variables).toContain(`"API_JWKS_URL":{"Fn::Join":["",[${issuer},"/.well-known/jwks.json"]]}`);
    expect(variablesOf().API_JWT_AUDIENCE).toEqual({ Ref: clientId });
    expect(variablesOf().SHOP_CONNECT_STATE_SECRET_NAME).toBe('ocop-sync/shop-connect-state');
    expect(variablesOf().API_PUBLIC_URL).toEqual({ 'Fn::GetAtt': [api.logicalId, 'ApiEndpoint'] });
  });

  it('has only keys the API accepts, and they parse as it will parse them', () => {
    const known = new Set([
      ...Object.keys(functionEnvironment.shape),
      ...Object.keys(apiEnvironment.shape),
      'NODE_OPTIONS',
    ]);
    expect(Object.keys(variablesOf()).filter((key) => !known.has(key))).toEqual([]);
    const resolved = Object.fromEntries(
      Object.entries(variablesOf()).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : /_(URL|ISSUER)$/.test(key) ? 'https://deploy-time.invalid' : 'x',
      ]),
    );
    expect(apiEnvironment.safeParse(resolved).success).toBe(true);
  });
});

describe('the producer-api role', () => {
  it('creates, reads, updates and (on disconnect) deletes shop token secrets under the shop prefix', () => {
    expect(actionsOn('ocop-sync/shops/*')).toEqual([
      'secretsmanager:CreateSecret',
      'secretsmanager:DeleteSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
    ]);
  });

  it('manages webhook secrets (create, read, rotate) under the webhook prefix', () => {
    expect(actionsOn('ocop-sync/webhooks/*')).toContain('secretsmanager:UpdateSecretVersionStage');
    expect(actionsOn('ocop-sync/webhooks/*')).toContain('secretsmanager:CreateSecret');
  });

  it('only reads the state signing key', () => {
    const [stateSecretId] = Object.entries(resourcesOf(template, 'AWS::SecretsManager::Secret')).find(
      ([, secret]) => secret.Properties.Name === 'ocop-sync/shop-connect-state',
    ) ?? [''];
    expect(stateSecretId).not.toBe('');
    expect(actionsOn(`"Ref":"${stateSecretId}"`)).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
  });

  it('reads and writes the ledger and publishes events; deletes no other secret, no Cognito', () => {
    const actions = allowStatements().flatMap(actionsIn);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'events:PutEvents']),
    );
    const deleting = allowStatements().filter((statement) =>
      actionsIn(statement).includes('secretsmanager:DeleteSecret'),
    );
    expect(deleting.map((statement) => JSON.stringify(statement.Resource))).toEqual([
      expect.stringContaining('ocop-sync/shops/*'),
    ]);
    expect(actions.filter((action) => action.startsWith('cognito'))).toEqual([]);
  });
});

describe('the producer API (HTTP)', () => {
  it('has exactly the route keys of its route, and a throttle on each', () => {
    const api = resourceNamed(template, 'AWS::ApiGatewayV2::Api', 'Name', FUNCTION_NAME);
    const keys = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'))
      .filter(
        (candidate) => JSON.stringify(candidate.Properties.ApiId) === JSON.stringify({ Ref: api.logicalId }),
      )
      .map((candidate) => candidate.Properties.RouteKey)
      .sort();
    expect(keys).toEqual([...(route?.routeKeys ?? ['none'])].sort());
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage')).find(
      (candidate) => JSON.stringify(candidate.Properties.ApiId) === JSON.stringify({ Ref: api.logicalId }),
    );
    const settings = stage?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    expect(Object.keys(settings).sort()).toEqual(keys);
    for (const [key, setting] of Object.entries(settings)) {
      expect(setting.ThrottlingRateLimit).toBe(/^(POST|PUT|PATCH|DELETE) /.test(key) ? 5 : 20);
    }
  });
});
