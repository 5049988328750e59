import { routingTable } from '@ocop-sync/routing';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';
import { resourceNamed, resourcesOf } from './template-queries.js';

const routes = routingTable.filter((route) => route.handler === 'reconciliation');
let template: Template;

beforeAll(() => {
  template = synthesize().template;
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
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

const actionsIn = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe('reconciliation routes', () => {
  it('has one schedule per channel in the routing table', () => {
    expect(routes.map((route) => route.name).sort()).toEqual([
      'reconciliation-lazada',
      'reconciliation-postmart',
      'reconciliation-shopee',
    ]);
  });

  describe.each(routes.map((route) => [route.name] as const))('the %s role', (name) => {
    it('reads and writes the ledger (every index named, no Scan) and publishes events', () => {
      const statements = statementsOf(`ocop-sync-prod-${name}`);
      const actions = statements.flatMap(actionsIn);
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'events:PutEvents']),
      );
      expect(actions).not.toContain('dynamodb:Scan');
      const indexResources = statements
        .filter((statement) => JSON.stringify(statement.Resource).includes('/index/'))
        .map((statement) => JSON.stringify(statement.Resource));
      expect(indexResources.join()).not.toContain('/index/*');
    });

    it("reads and refreshes shop tokens and reads the apps' keys, but never touches webhook secrets", () => {
      const secretStatements = statementsOf(`ocop-sync-prod-${name}`).filter((statement) =>
        actionsIn(statement).some((action) => action.startsWith('secretsmanager:')),
      );
      const resources = secretStatements.map((statement) => JSON.stringify(statement.Resource)).join();
      expect(resources).toContain('ocop-sync/shops/*');
      expect(resources).not.toContain('ocop-sync/webhooks/');
      expect(resources).not.toContain('shop-connect-state');
      const shopActions = secretStatements
        .filter((statement) => JSON.stringify(statement.Resource).includes('ocop-sync/shops/*'))
        .flatMap(actionsIn);
      expect(shopActions).toEqual(
        expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']),
      );
      expect(shopActions).not.toContain('secretsmanager:DeleteSecret');
      expect(secretStatements.length).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('drift that needs a person', () => {
  it.each(routes.map((route) => [route.name, route.environment.CHANNEL] as const))(
    '%s raises an alarm on DriftNeedsHuman, with the dimensions its function emits, to the alarm topic',
    (name, channel) => {
      const alarm = resourceNamed(
        template,
        'AWS::CloudWatch::Alarm',
        'AlarmName',
        `ocop-sync-prod-${name}-drift-needs-human`,
      ).resource;
      expect(alarm.Properties).toMatchObject({
        Namespace: 'OcopSync',
        MetricName: 'DriftNeedsHuman',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
      });
      // Powertools adds `service`, the runtime `function`, the handler `Channel`: an alarm must match all three.
      const dimensions = alarm.Properties.Dimensions as { Name: string; Value: string }[];
      expect([...dimensions].sort((a, b) => a.Name.localeCompare(b.Name))).toEqual([
        { Name: 'Channel', Value: channel },
        { Name: 'function', Value: 'reconciliation' },
        { Name: 'service', Value: 'ocop-sync' },
      ]);
    },
  );

  it('graphs listings checked, drift by class and drift needing a person, every channel, on the dashboard', () => {
    const [dashboard] = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
    if (dashboard === undefined) throw new Error('no dashboard');
    // The body is a Fn::Join of JSON text around the region; its literal parts are enough here.
    const body = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
      .filter((part): part is string => typeof part === 'string')
      .join('');
    const search = (dimensions: string, metric: string) =>
      `SEARCH('{OcopSync,${dimensions}} MetricName=\\"${metric}\\" function=\\"reconciliation\\"'`;
    expect(body).toContain(search('Channel,DriftClass,function,service', 'DriftDetected'));
    expect(body).toContain(search('Channel,function,service', 'ListingsChecked'));
    expect(body).toContain(search('Channel,function,service', 'DriftNeedsHuman'));
  });
});
