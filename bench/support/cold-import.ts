import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/** What the child prints: the import's own duration, and when it finished counted from process start. */
const coldImportReport = z.object({ importMs: z.number(), sinceProcessStartMs: z.number() });
export type ColdImport = z.infer<typeof coldImportReport>;

// The child imports the bundle (evaluating its module scope: config, SDK clients, Powertools) and reports
// performance.now() deltas. BUNDLE_URL rather than argv: `-e` scripts see no script path in argv.
const childScript = [
  'const start = performance.now();',
  'await import(process.env.BUNDLE_URL);',
  'const end = performance.now();',
  'process.stdout.write(JSON.stringify({ importMs: end - start, sinceProcessStartMs: end }));',
].join('\n');

/**
 * Imports a bundle once in a fresh Node process, as a Lambda cold start would (NODE_OPTIONS
 * `--enable-source-maps`, as OcopFunction sets it), with the given environment.
 */
export async function measureColdImport(options: {
  node: string;
  bundleFile: string;
  environment: Readonly<Record<string, string>>;
}): Promise<ColdImport> {
  const { stdout } = await run(
    options.node,
    ['--enable-source-maps', '--input-type=module', '-e', childScript],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ...options.environment,
        BUNDLE_URL: pathToFileURL(options.bundleFile).href,
      },
      maxBuffer: 1024 * 1024,
    },
  );
  return coldImportReport.parse(JSON.parse(stdout));
}

/** `node --version` of the binary the children run. */
export async function nodeVersionOf(node: string): Promise<string> {
  const { stdout } = await run(node, ['--version']);
  return stdout.trim();
}
