import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDevIssuerKey, createTokenVerifier, writeDevIssuerFile } from '@ocop-sync/producer-api';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';

/** `ocop-sync dev-token` signs with the running local stack's issuer key; the API's verifier accepts it. */
describe('ocop-sync dev-token', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ocop-dev-token-'));
  let verify: ReturnType<typeof createTokenVerifier>;

  async function run(...args: string[]): Promise<{ out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const program = buildProgram({
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      cwd: directory,
      interactive: false,
    });
    await program.parseAsync(['node', 'ocop-sync', 'dev-token', ...args]);
    return { out: out.join(''), err: err.join('') };
  }

  beforeAll(async () => {
    const { key, jwks } = await createDevIssuerKey('http://127.0.0.1:1');
    writeDevIssuerFile(key, directory);
    const jwksFile = join(directory, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    // A `file:` JWKS URL, as API_JWKS_URL may be locally.
    verify = createTokenVerifier({
      issuer: key.issuer,
      audience: key.audience,
      jwksUrl: pathToFileURL(jwksFile).href,
    });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints a producer token the API verifies as that producer, with the producer scopes', async () => {
    const { out } = await run('--role', 'producer', '--producer', 'HTX-CHELAM-PHUQUANG');
    const caller = await verify(`Bearer ${out.trim()}`);
    expect(caller).toMatchObject({ role: 'producer', producerId: 'HTX-CHELAM-PHUQUANG' });
    expect(caller.scopes).toEqual(['producer:read', 'producer:write', 'shops:connect', 'webhooks:manage']);
  });

  it('prints a district official token bound to its province and district', async () => {
    const { out } = await run(
      '--role',
      'district-official',
      '--province',
      'Yên Bái',
      '--district',
      'Văn Chấn',
    );
    expect(await verify(`Bearer ${out.trim()}`)).toMatchObject({
      role: 'district-official',
      province: 'Yên Bái',
      district: 'Văn Chấn',
      scopes: ['area:read'],
    });
  });

  it('refuses a role without the claims it needs, printing no token', async () => {
    const { out, err } = await run('--role', 'district-official', '--province', 'Yên Bái');
    expect(out).toBe('');
    expect(err).toContain('--district');
    expect(process.exitCode).toBe(2);
  });
});
