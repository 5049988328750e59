import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, issueState, STATE_LIFETIME_SECONDS, stateKey } from '../src/shop-connection/state.js';
import { consumeStateNonce, createStateKeySource } from '../src/shop-connection/state-store.js';

const key = stateKey('k'.repeat(32));
const now = new Date('2026-11-23T10:00:00Z');
const issue = (producerId = 'HTX-UMINH') => issueState(key, { producerId, channel: 'shopee', now });

/** Re-encodes the claims part of a state, keeping its original MAC (what an attacker can do). */
function withClaims(state: string, change: Record<string, unknown>): string {
  const [version, payload = '', mac] = state.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...change };
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

describe('shop connection state', () => {
  it('is URL-safe and accepted on its own channel within its lifetime', () => {
    const { state, claims } = issue();
    expect(state).toMatch(/^s1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(state)).toBe(state);
    const later = new Date(now.getTime() + (STATE_LIFETIME_SECONDS - 1) * 1000);
    expect(checkState(key, state, { channel: 'shopee', now: later })).toEqual({ ok: true, claims });
    expect(claims).toMatchObject({ producerId: 'HTX-UMINH', channel: 'shopee' });
  });

  it('gives every state its own nonce', () => {
    expect(issue().claims.nonce).not.toBe(issue().claims.nonce);
  });

  it('refuses a state whose producer was changed', () => {
    const forged = withClaims(issue().state, { producerId: 'HTX-OTHER' });
    expect(checkState(key, forged, { channel: 'shopee', now })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a state whose expiry was pushed back', () => {
    const forged = withClaims(issue().state, { expiresAt: 4_000_000_000 });
    expect(checkState(key, forged, { channel: 'shopee', now })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a state signed with another key', () => {
    const other = issueState(stateKey('x'.repeat(32)), { producerId: 'HTX-UMINH', channel: 'shopee', now });
    expect(checkState(key, other.state, { channel: 'shopee', now })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a truncated signature and shapes it did not issue', () => {
    const { state } = issue();
    for (const cut of [state.slice(0, -4), 's1..']) {
      expect(checkState(key, cut, { channel: 'shopee', now })).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
    for (const junk of ['', 'abc', 's2.e30.AAAA', `${state}.extra`]) {
      expect(checkState(key, junk, { channel: 'shopee', now })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a state after its ten minutes', () => {
    const { state } = issue();
    const expired = new Date(now.getTime() + STATE_LIFETIME_SECONDS * 1000);
    expect(checkState(key, state, { channel: 'shopee', now: expired })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a state issued for another marketplace', () => {
    const { state } = issue();
    expect(checkState(key, state, { channel: 'lazada', now })).toEqual({
      ok: false,
      reason: 'wrong-channel',
    });
  });

  it('refuses a signing key shorter than the hash', () => {
    expect(() => stateKey('short')).toThrow(RangeError);
  });
});

describe('shop connection state storage', () => {
  let table: TestLedgerTable;
  let secrets: Awaited<ReturnType<typeof startSecretsManagerServer>>;
  let secretsManager: SecretsManagerClient;
  beforeAll(async () => {
    table = await createTestLedgerTable('shop-state');
    secrets = await startSecretsManagerServer({ port: 0 });
    secretsManager = new SecretsManagerClient({
      endpoint: secrets.url,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    secretsManager.destroy();
    await secrets.close();
    await table.drop();
  });

  it('consumes a nonce once: the second use is a replay', async () => {
    const { claims } = issue();
    expect(await consumeStateNonce(table, claims, now)).toBe('consumed');
    expect(await consumeStateNonce(table, claims, now)).toBe('replayed');
    expect(await consumeStateNonce(table, issue().claims, now)).toBe('consumed');
  });

  it('reads the signing key from Secrets Manager outside local mode', async () => {
    const secretName = 'ocop-sync/shop-connect-state';
    await secretsManager.send(new CreateSecretCommand({ Name: secretName, SecretString: 'z'.repeat(64) }));
    const source = createStateKeySource({ mode: 'production', secretName, ledger: table, secretsManager });
    expect((await source()).equals(stateKey('z'.repeat(64)))).toBe(true);
  });

  it('makes one local key that every instance of the local stack shares', async () => {
    const config = { mode: 'local' as const, secretName: 'unused', ledger: table, secretsManager };
    const [first, second] = await Promise.all([
      createStateKeySource(config)(),
      createStateKeySource(config)(),
    ]);
    expect(first?.length).toBe(32);
    expect(first?.equals(second ?? Buffer.alloc(0))).toBe(true);
    const { state } = issueState(first ?? key, { producerId: 'HTX-UMINH', channel: 'lazada', now });
    expect(checkState(second ?? key, state, { channel: 'lazada', now }).ok).toBe(true);
  });
});
