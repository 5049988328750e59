import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import type { EventDetail } from '@ocop-sync/domain';
import { createChannelAdapter } from '@ocop-sync/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/index.js';
import { callbackPathOf, type Harness, newProducer, startHarness } from './shop-connection-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(apiRoutes, 'local');
});
afterAll(async () => {
  await harness?.close();
});

describe('shop connection in local mode (the local stack)', () => {
  it('keeps the state key and the tokens in the ledger table, where the local marketplace functions read them', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.lazada.createShop();
    const started = await harness.call(
      'POST',
      `/v1/producers/${producerId}/shops/lazada/connect`,
      producerId,
    );
    expect(started.status).toBe(200);
    const consent = await harness.sandboxes.lazada.consent({
      authorizationUrl: String(started.body.authorizationUrl),
      shopId: shop.shopId,
    });
    const callback = callbackPathOf(consent.location);
    expect((await harness.call('GET', callback)).status).toBe(200);
    expect((await harness.call('GET', callback)).status).toBe(409);

    const entry = harness.publisher.entries.at(-1);
    await harness.deps.ledger.linkChannels(entry?.detail as EventDetail<'ProducerChannelsLinked'>);
    const { adapter, accountFor } = createChannelAdapter(harness.deps.config, harness.clients, 'lazada');
    const account = await accountFor(producerId, 'lazada');
    if (account === undefined) throw new Error('no account');
    expect((await account.tokens.get(account))?.accessToken).toEqual(expect.any(String));
    await expect(adapter.getListing(account, { sellerSku: 'OCOP-NOT-LISTED-3' })).resolves.toBeUndefined();

    // Nothing went to Secrets Manager: the local stack has none.
    const secrets = await harness.secretsManager.send(new ListSecretsCommand({}));
    expect((secrets.SecretList ?? []).map((secret) => secret.Name).sort()).toEqual([
      'ocop-sync/marketplace-apps',
      'ocop-sync/shop-connect-state',
    ]);
  });
});
