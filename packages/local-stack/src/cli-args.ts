import { parseArgs } from 'node:util';
import { z } from 'zod';

export const cliOptions = z.object({
  /** Run the demo scenario, print the summary, stop everything and exit. */
  once: z.boolean().default(false),
  /** Keep DynamoDB, queues and the bus archive across restarts. */
  dataDir: z.string().min(1).optional(),
});
export type CliOptions = z.output<typeof cliOptions>;

export const usage = 'usage: npm start [-- --once] [-- --data-dir <directory>]';

/** Parses `npm start` arguments; unknown flags and stray positionals are refused. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { once: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  return cliOptions.parse({ once: values.once, dataDir: values['data-dir'] });
}
