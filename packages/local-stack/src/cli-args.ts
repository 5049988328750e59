import { parseArgs } from 'node:util';
import { z } from 'zod';

export const cliOptions = z.object({
  /** Run the demo scenario, print the summary, stop everything and exit. */
  once: z.boolean().default(false),
  /** Start the stack and keep it running without the demo scenario (e.g. for your own events). */
  noDemo: z.boolean().default(false),
  /** Keep DynamoDB, queues and the bus archive across restarts. */
  dataDir: z.string().min(1).optional(),
});
export type CliOptions = z.output<typeof cliOptions>;

export const usage = 'usage: npm start [-- --once | --no-demo] [-- --data-dir <directory>]';

/** Parses `npm start` arguments; unknown flags and stray positionals are refused. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { once: { type: 'boolean' }, 'no-demo': { type: 'boolean' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.once && values['no-demo'])
    throw new Error('--once runs the demo: it cannot be combined with --no-demo');
  return cliOptions.parse({ once: values.once, noDemo: values['no-demo'], dataDir: values['data-dir'] });
}
