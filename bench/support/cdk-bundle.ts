import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The CDK stack's banner (infra/lib/ocop-function.ts): CommonJS dependencies in an ESM bundle still call `require`. */
const cdkBanner = "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

export interface BuiltBundle {
  /** `index.mjs`, as NodejsFunction names an ESM bundle. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The linked source map (`index.mjs.map`); Lambda loads it only with `--enable-source-maps`. */
  readonly sourceMapBytes: number;
  /** Minified bytes in the bundle per npm package or workspace folder (from esbuild's metafile). */
  readonly bytesByPackage: ReadonlyMap<string, number>;
}

/** `node_modules/@aws-sdk/client-sqs/dist-es/…` → `@aws-sdk/client-sqs`; `packages/ledger/src/…` → `packages/ledger`. */
export function packageOf(inputPath: string): string {
  const parts = inputPath.split('/');
  const modules = parts.lastIndexOf('node_modules');
  if (modules >= 0) {
    const first = parts[modules + 1] ?? inputPath;
    return first.startsWith('@') ? `${first}/${parts[modules + 2] ?? ''}` : first;
  }
  return parts.slice(0, 2).join('/');
}

/**
 * Bundles one entry with the flags NodejsFunction passes for OcopFunction's `bundling` props
 * (aws-cdk-lib/aws-lambda-nodejs bundling.js `buildEsbuildArgs`): --bundle --target=node22 --platform=node
 * --format=esm --minify --sourcemap --sources-content=false, no externals (the SDK is bundled), the repo
 * tsconfig, the `createRequire` banner and --main-fields=module,main. Tree shaking is esbuild's default
 * when bundling.
 */
export async function bundleLikeCdk(options: {
  entry: string;
  outputDirectory: string;
  repoRoot: string;
}): Promise<BuiltBundle> {
  const file = join(options.outputDirectory, 'index.mjs');
  const result = await build({
    absWorkingDir: options.repoRoot,
    entryPoints: [options.entry],
    bundle: true,
    target: 'node22',
    platform: 'node',
    format: 'esm',
    outfile: file,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: [],
    tsconfig: join(options.repoRoot, 'tsconfig.json'),
    banner: { js: cdkBanner },
    mainFields: ['module', 'main'],
    logLevel: 'error',
    metafile: true,
  });
  const bytesByPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      bytesByPackage.set(name, (bytesByPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const contents = await readFile(file);
  return {
    file,
    bytes: contents.byteLength,
    gzipBytes: gzipSync(contents, { level: 9 }).byteLength,
    sourceMapBytes: statSync(`${file}.map`).size,
    bytesByPackage,
  };
}
