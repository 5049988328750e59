import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certified,
  detail,
  type LedgerFixture,
  ledgerFixture,
  received,
  showroom,
  uid,
  warehouse,
} from './fixtures.js';

describe('producer ledger', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  const linked = (producerId: string, version: number, shopId = uid('shop'), eventId = uid('evt')) =>
    detail('ProducerChannelsLinked', {
      eventId,
      occurredAt: '2024-11-01T08:00:00+07:00',
      version,
      producer: {
        producerId,
        name: 'HTX Cói Nga Sơn',
        type: 'cooperative',
        area: { province: 'Thanh Hóa', district: 'Nga Sơn' },
      },
      channels: [
        { channel: 'postmart', status: 'linked', shopId, credentialsSecretName: `ocop/postmart/${shopId}` },
        { channel: 'lazada', status: 'unlinked', shopId, credentialsSecretName: `ocop/lazada/${shopId}` },
      ],
      settings: { stockLowThreshold: 5, safetyBuffer: 2 },
    });

  it('stores channel accounts with the secret name, never a token', async () => {
    // Prepare
    const producerId = uid('htx');
    // Act
    const result = await fixture.ledger.linkChannels(linked(producerId, 1));
    // Assess
    expect(result.outcome).toBe('applied');
    const accounts = await fixture.ledger.listChannelAccounts(producerId);
    expect(accounts.map((a) => [a.channel, a.status])).toEqual([
      ['lazada', 'unlinked'],
      ['postmart', 'linked'],
    ]);
    expect(accounts[0]?.credentialsSecretName).toMatch(/^ocop\/lazada\//);
    expect(await fixture.ledger.getProducer(producerId)).toMatchObject({
      safetyBuffer: 2,
      stockLowThreshold: 5,
    });
  });

  it('reports a repeated link event as duplicate and an older one as stale', async () => {
    // Prepare
    const producerId = uid('htx');
    const event = linked(producerId, 2);
    await fixture.ledger.linkChannels(event);
    // Act
    const again = await fixture.ledger.linkChannels(event);
    const older = await fixture.ledger.linkChannels(linked(producerId, 1));
    // Assess
    expect([again.outcome, older.outcome]).toEqual(['duplicate', 'stale']);
  });

  it('sells showroom stock online only from showrooms the producer flags', async () => {
    // Prepare
    const producerId = uid('htx');
    const productId = uid('prod');
    await fixture.ledger.linkChannels(linked(producerId, 1));
    await fixture.ledger.recordCertification(certified({ productId, producerId }));
    await fixture.ledger.applyMovement(received(productId, warehouse('W1'), 4));
    await fixture.ledger.applyMovement(received(productId, showroom('SR-1'), 10));
    await fixture.ledger.applyMovement(received(productId, showroom('SR-2'), 10));
    const before = await fixture.ledger.availableToSell(productId, 'postmart');
    // Act
    await fixture.ledger.setFulfilment({
      producerId,
      channels: { postmart: { warehouses: true, showrooms: ['SR-1'] } },
    });
    const fresh = await ledgerFixtureOnSameTable();
    const after = await fresh.availableToSell(productId, 'postmart');
    const shopee = await fresh.availableToSell(productId, 'shopee');
    // Assess: buffer 2 held back
    expect([before?.available, after?.available, shopee?.available]).toEqual([2, 12, 2]);
  });

  // A new ledger instance, so the producer-settings cache of the first does not hide the change.
  async function ledgerFixtureOnSameTable() {
    const { createLedger } = await import('../src/index.js');
    return createLedger({ client: fixture.table.client, tableName: fixture.table.tableName });
  }
});
