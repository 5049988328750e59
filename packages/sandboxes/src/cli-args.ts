import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MARKETPLACE_KINDS } from './types.js';

const cliSchema = z.object({
  kind: z.enum(MARKETPLACE_KINDS),
  port: z.coerce.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  seed: z.coerce.number().int().default(1),
  tokenTtlSeconds: z.coerce.number().int().positive().optional(),
  shopName: z.string().min(1).default('HTX Nông sản OCOP (sandbox)'),
  callbackUrl: z.url().optional(),
});
export type CliArgs = z.infer<typeof cliSchema>;

export const USAGE =
  'usage: sandbox <shopee|lazada|postmart> [--port 0] [--host 127.0.0.1] [--seed 1] [--token-ttl-seconds N] [--shop-name NAME] [--callback-url URL]';

/** Parses `sandbox <kind> [options]`; returns an error message instead of throwing. */
export function parseCliArgs(
  argv: readonly string[],
): { ok: true; args: CliArgs } | { ok: false; message: string } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'token-ttl-seconds': { type: 'string' },
        'shop-name': { type: 'string' },
        'callback-url': { type: 'string' },
      },
    });
    const parsed = cliSchema.safeParse({
      kind: positionals[0],
      port: values.port,
      host: values.host,
      seed: values.seed,
      tokenTtlSeconds: values['token-ttl-seconds'],
      shopName: values['shop-name'],
      callbackUrl: values['callback-url'],
    });
    if (parsed.success) return { ok: true, args: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? 'args'}: ${issue?.message ?? 'invalid'}` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
