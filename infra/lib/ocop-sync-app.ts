import type { Route } from '@ocop-sync/routing';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { OcopSyncStack } from './ocop-sync-stack.js';

export interface OcopSyncAppOptions {
  /** Extra context (tests: configuration, `aws:cdk:bundling-stacks`); `cdk.json` supplies it otherwise. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /**
   * CDK's built-in CloudFormation schema validation (on by default, as in `cdk synth`). It takes ~10 s on
   * this stack, so most tests turn it off and one keeps it.
   */
  readonly builtinCloudFormationValidation?: boolean;
  /** The routes to build; THE routing table unless a test passes another. */
  readonly routes?: readonly Route[];
}

/**
 * The CDK app: one stack per stage, checked by cdk-nag's AwsSolutions pack on every synth (a finding that
 * is not acknowledged with a reason fails the synth).
 */
export function createOcopSyncApp(options: OcopSyncAppOptions = {}): { app: App; stack: OcopSyncStack } {
  const app = new App({
    context: options.context,
    outdir: options.outdir,
    builtinCloudFormationValidation: options.builtinCloudFormationValidation,
  });
  const config = readConfig(app.node);
  const stack = new OcopSyncStack(app, `OcopSync-${config.stage}`, {
    config,
    routes: options.routes,
    description: `ocop-sync (${config.stage}): OCOP certified products synced to the marketplaces`,
    // The account and region of the CLI's credentials; unset (environment-agnostic) when synthesising offline.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Tags.of(stack).add('project', 'ocop-sync');
  Tags.of(stack).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
