import { randomUUID } from 'node:crypto';
import { eventCatalogue } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { createAwsClients, loadConfig } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createChannelAdapter, createLedgerTokenStore } from '../src/marketplace-wiring.js';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('marketplace wiring in local mode, against the Shopee sandbox', () => {
  let table: TestLedgerTable;
  let shopee: Sandbox<'shopee'>;

  beforeAll(async () => {
    table = await createTestLedgerTable('listing-sync-tokens');
    shopee = await startSandbox('shopee', { port: 0 });
  });
  afterAll(async () => {
    await shopee.close();
    await table.drop();
  });

  it('refreshes an expired shop token and keeps the new tokens in the ledger-table token store', async () => {
    // Prepare: a producer whose linked Shopee shop has its sandbox tokens seeded, as the local stack does.
    const config = loadConfig({
      LEDGER_TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: 'ocop-test',
      OCOP_MODE: 'local',
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
      SHOPEE_BASE_URL: shopee.url,
      LOCAL_MARKETPLACE_APPS: JSON.stringify({ shopee: shopee.app }),
    });
    const clients = createAwsClients(config);
    const ledger = createLedger({ client: clients.dynamodb, tableName: table.tableName });
    const producerId = uid('HTX');
    const shop = await shopee.createShop({ name: 'HTX Ong mật U Minh Hạ' });
    const tokenSecretName = `local/shopee/${shop.shopId}`;
    await ledger.linkChannels(
      eventCatalogue.ProducerChannelsLinked.detail.parse({
        eventId: uid('evt'),
        occurredAt: '2026-11-01T08:00:00+07:00',
        version: 1,
        producer: {
          producerId,
          name: 'HTX Ong mật U Minh Hạ',
          type: 'cooperative',
          area: { province: 'Cà Mau', district: 'U Minh' },
        },
        channels: [
          {
            channel: 'shopee',
            status: 'linked',
            shopId: shop.shopId,
            credentialsSecretName: tokenSecretName,
          },
        ],
      }),
    );
    const store = createLedgerTokenStore(clients.dynamodb, table.tableName);
    const key = { channel: 'shopee' as const, shopId: shop.shopId, tokenSecretName };
    await store.put(key, {
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      accessExpiresAt: shop.accessTokenExpiresAt,
      refreshExpiresAt: shop.refreshTokenExpiresAt,
    });
    const wiring = createChannelAdapter(config, clients, 'shopee');
    const account = await wiring.accountFor(producerId, 'shopee');
    if (account === undefined) throw new Error('no linked shopee account');

    // Act
    shopee.expireAccessToken(shop.shopId);
    await wiring.adapter.refreshToken(account);

    // Assess
    const after = await store.get(key);
    expect(after?.accessToken).not.toBe(shop.accessToken);
    expect(after?.refreshToken).not.toBe(shop.refreshToken);
  });
});
