import { ledgerTable } from '@ocop-sync/ledger/table-definition';
import { httpRoutes, routingTable } from '@ocop-sync/routing';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';
import { resourcesOf } from './template-queries.js';

let template: Template;

beforeAll(() => {
  template = synthesize().template;
});

describe('the ledger table', () => {
  it('has the key schema and indexes of the shared definition', () => {
    const indexes = Object.values(ledgerTable.indexes);
    const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const properties = tables[0]?.Properties;
    expect(properties?.KeySchema).toEqual([
      { AttributeName: ledgerTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: ledgerTable.sortKey, KeyType: 'RANGE' },
    ]);
    expect(properties?.GlobalSecondaryIndexes).toEqual(
      indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const attributes = [
      ledgerTable.partitionKey,
      ledgerTable.sortKey,
      ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];
    expect(properties?.AttributeDefinitions).toEqual(
      expect.arrayContaining(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it('is on demand, recoverable, protected from deletion, retained, expiring by TTL and encrypted', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: ledgerTable.timeToLiveAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
  });

  it('has no stream while no function reads one', () => {
    const [table] = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    expect(table?.Properties.StreamSpecification).toBeUndefined();
  });
});

describe('the event bus', () => {
  it('is named for the stage and archives every event for a year by default', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'ocop-sync-prod' });
    template.hasResourceProperties('AWS::Events::Archive', {
      ArchiveName: 'ocop-sync-prod-archive',
      RetentionDays: 365,
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bus'), 'Arn'] },
    });
  });
});

describe('secrets', () => {
  it("creates the marketplace apps' secret by name, with a generated placeholder value", () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'ocop-sync/marketplace-apps',
      GenerateSecretString: {},
    });
  });
});

describe('operations', () => {
  const queueRouteNames = routingTable.flatMap((route) => (route.kind === 'queue' ? [route.name] : []));
  const alarmNames = () =>
    Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties.AlarmName);

  it.each(queueRouteNames)('alarms on dead letters and on the oldest message of %s', (name) => {
    expect(alarmNames()).toEqual(
      expect.arrayContaining([
        `ocop-sync-prod-${name}-dead-letters`,
        `ocop-sync-prod-${name}-oldest-message`,
      ]),
    );
  });

  it.each(routingTable.map((route) => route.name))('alarms on errors and throttles of %s', (name) => {
    expect(alarmNames()).toEqual(
      expect.arrayContaining([`ocop-sync-prod-${name}-errors`, `ocop-sync-prod-${name}-throttles`]),
    );
  });

  it('sends every alarm, and its recovery, to the alarm topic', () => {
    for (const alarm of Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    }
  });

  it('keeps every log group for the configured retention', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'));
    // One per function, plus one access log per HTTP API.
    expect(groups).toHaveLength(routingTable.length + httpRoutes().length);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(90);
  });

  it('has a dashboard', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'ocop-sync-prod' });
  });
});
