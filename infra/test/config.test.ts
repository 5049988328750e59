import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigError, configContextKey, readConfig } from '../lib/config.js';
import { synthesize } from './synthesize.js';
import { resourcesOf } from './template-queries.js';

const configFrom = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('configuration', () => {
  it('has defaults for everything, so `cdk deploy` needs no option', () => {
    expect(configFrom({})).toEqual({
      stage: 'prod',
      secretsPrefix: 'ocop-sync',
      archiveRetentionDays: 365,
      logRetentionDays: 90,
      oldestMessageAlarmMinutes: 30,
      webhookRateLimit: 50,
      webhookBurstLimit: 100,
      apiReadRateLimit: 20,
      apiReadBurstLimit: 40,
      apiWriteRateLimit: 5,
      apiWriteBurstLimit: 10,
      logLevel: 'INFO',
      metricsNamespace: 'OcopSync',
    });
  });

  it('reads the cdk.json object and lets command-line context (strings) override it key by key', () => {
    const config = configFrom({
      [configContextKey]: { stage: 'staging', archiveRetentionDays: 30, alarmEmail: 'ops@example.vn' },
      archiveRetentionDays: '7',
      logRetentionDays: '14',
    });
    expect(config).toMatchObject({
      stage: 'staging',
      archiveRetentionDays: 7,
      logRetentionDays: 14,
      alarmEmail: 'ops@example.vn',
    });
  });

  it('refuses invalid values, naming each one', () => {
    const read = () =>
      configFrom({ stage: 'Prod Stage', logRetentionDays: '10', alarmEmail: 'not-an-address' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/stage: .*logRetentionDays: .*alarmEmail: /);
  });

  it('names resources after the stage and subscribes the alarm e-mail', () => {
    const { template } = synthesize({ context: { stage: 'staging', alarmEmail: 'ops@example.vn' } });
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'ocop-sync-staging' });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.vn',
    });
    const names = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map(
      (f) => f.Properties.FunctionName,
    );
    for (const name of names) expect(name).toMatch(/^ocop-sync-staging-/);
  });
});
