import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OcopFunction } from '../lib/ocop-function.js';
import { handlerEntry } from '../lib/paths.js';

describe('bundling (esbuild, for real)', () => {
  const outdirs: string[] = [];
  afterEach(() => {
    for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
  });

  it('bundles a handler as minified ESM with a source map and a require shim', { timeout: 120_000 }, () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ocop-sync-bundle-'));
    outdirs.push(outdir);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundling');
    new OcopFunction(stack, 'Certification', {
      entry: handlerEntry('certification'),
      description: 'bundling check',
      timeout: Duration.seconds(30),
      memorySize: 512,
      environment: {},
      grants: [],
      logRetention: RetentionDays.ONE_WEEK,
      powertools: { serviceName: 'ocop-sync', metricsNamespace: 'OcopSync', logLevel: 'INFO' },
    });
    const assembly = app.synth();

    const template = Template.fromJSON(assembly.getStackByName('Bundling').template);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler' });
    const [s3Key] = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => (fn.Properties as { Code: { S3Key: string } }).Code.S3Key,
    );
    expect(s3Key).toMatch(/^[a-f0-9]{64}\.zip$/);
    const bundleDir = join(assembly.directory, `asset.${s3Key?.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    expect(bundle.startsWith("import{createRequire}from'node:module';const require=createRequire(")).toBe(
      true,
    );
    expect(bundle).toMatch(/export\s*\{[^}]*as handler\s*\}|export\s*\{\s*handler\s*\}/);
    expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
  });
});
