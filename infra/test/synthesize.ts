import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Route } from '@ocop-sync/routing';
import { Template } from 'aws-cdk-lib/assertions';
import { createOcopSyncApp } from '../lib/ocop-sync-app.js';
import type { OcopSyncStack } from '../lib/ocop-sync-stack.js';

export interface SynthOptions {
  /** Extra context, e.g. configuration overrides. */
  readonly context?: Record<string, unknown>;
  /** Run esbuild for real (slow: one bundle per function); skipped by default. */
  readonly bundle?: boolean;
  /** CDK's built-in CloudFormation schema validation (~10 s); off unless asked for. */
  readonly cloudFormationValidation?: boolean;
  /** Routes in place of the routing table's. */
  readonly routes?: readonly Route[];
}

export interface Synthesized {
  readonly stack: OcopSyncStack;
  readonly template: Template;
  readonly validationReport: ValidationReport;
}

/** The parts of CDK's validation-report.json the tests read. */
export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly { readonly ruleName: string; readonly severity?: string }[];
  }[];
}

/**
 * Synthesises the real app (cdk-nag included) into a temporary directory. Bundling is skipped unless asked
 * for: `aws:cdk:bundling-stacks` set to `[]` matches no stack, so assets are staged without esbuild.
 */
export function synthesize(options: SynthOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'ocop-sync-cdk-'));
  const { app, stack } = createOcopSyncApp({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    routes: options.routes,
    context: { ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
  });
  try {
    const assembly = app.synth();
    const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
    return { stack, template, validationReport: readValidationReport(assembly.directory) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function readValidationReport(directory: string): ValidationReport {
  try {
    return JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8')) as ValidationReport;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { pluginReports: [] };
    throw error;
  }
}
