import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';
import { resourceNamed, resourcesOf } from './template-queries.js';

let template: Template;

beforeAll(() => {
  template = synthesize().template;
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The allow statements of every policy attached to one function's role. */
function statementsOf(functionName: string): Statement[] {
  const fn = resourceNamed(template, 'AWS::Lambda::Function', 'FunctionName', functionName).resource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
}

const actionsOf = (statements: Statement[]) =>
  new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

describe('the marketplace-webhook role (it reads thin order pushes’ lines with the shop’s account)', () => {
  it('reads the ledger (shop → producer → account) and writes only the rate-limit permit slots', () => {
    const statements = statementsOf('ocop-sync-prod-marketplace-webhook');
    const actions = actionsOf(statements);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('dynamodb:GetItem');
    for (const write of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
      expect(actions).not.toContain(write);
    // UpdateItem only on items whose partition key is a permit slot (`PERMITS#…`).
    const updates = statements.filter((s) => actionsOf([s]).has('dynamodb:UpdateItem'));
    expect(updates).toHaveLength(1);
    expect(updates[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERMITS#*'] },
    });
  });

  it('reads the shop token secrets (and writes back a refreshed pair) and the apps’ secret, not webhook secrets', () => {
    const statements = statementsOf('ocop-sync-prod-marketplace-webhook');
    const secretResources = statements
      .filter((s) => JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue'))
      .map((s) => JSON.stringify(s.Resource));
    expect(secretResources.some((resource) => resource.includes('ocop-sync/shops/*'))).toBe(true);
    expect(secretResources.some((resource) => resource.includes('ocop-sync/webhooks/'))).toBe(false);
    expect(secretResources.length).toBeGreaterThanOrEqual(2);
    expect(actionsOf(statements)).toContain('events:PutEvents');
  });
});
