import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor, connectShop, startSandbox } from './contract-harness.js';

/**
 * Two Lambda execution environments of one route each build their own adapter (and token keeper) but share the
 * shop's stored tokens. Both see the expired access token at the same moment and both refresh; Shopee's refresh
 * token is single-use, so one of the two refreshes is refused.
 */
describe('a Shopee token refresh raced by two executions', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { port: 0, seed: 29 });
  });
  afterAll(() => sandbox.close());

  it('leaves both executions working with the pair the winner stored, not asking to re-authorise', async () => {
    const account = await connectShop(sandbox);
    const [first, second] = [adapterFor(sandbox), adapterFor(sandbox)];
    sandbox.expireAccessToken(account.shopId);
    const before = await account.tokens.get(account);
    const outcomes = await Promise.allSettled([
      first.getListing(account, { sellerSku: 'OCOP-CM-NOT-LISTED' }),
      second.getListing(account, { sellerSku: 'OCOP-CM-NOT-LISTED' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const after = await account.tokens.get(account);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    const refreshes = sandbox.requestLog().filter((entry) => entry.path.endsWith('/auth/access_token/get'));
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
  });
});
