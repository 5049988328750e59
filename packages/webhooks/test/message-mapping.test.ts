import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointDisabledMessage } from '../src/fallback.js';
import { toWebhookMessage } from '../src/message-mapping.js';
import { webhookEventTypes, webhookPayloads } from '../src/payloads.js';
import { sampleEvents } from './support/events.js';

const samplesDir = join(import.meta.dirname, '../samples');

function map(type: keyof typeof sampleEvents, eventId?: string) {
  const event = sampleEvents[type];
  const context = {
    ...('productName' in event ? { productName: event.productName } : {}),
    ...('producerId' in event ? { producerId: event.producerId } : {}),
  };
  return toWebhookMessage(event.detailType, event.detail, eventId ?? event.eventId, context);
}

describe('catalogue events to webhook messages', () => {
  it.each(Object.keys(sampleEvents) as (keyof typeof sampleEvents)[])(
    'maps to a valid %s payload',
    (type) => {
      const mapped = map(type);
      expect(mapped.ok).toBe(true);
      if (!mapped.ok) return;
      expect(mapped.message.type).toBe(type);
      expect(webhookPayloads[type].safeParse(JSON.parse(mapped.message.body)).success).toBe(true);
      expect(mapped.message.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    },
  );

  it('gives the same event the same message id and the same bytes', () => {
    const first = map('stock.low');
    const again = map('stock.low');
    expect(first).toEqual(again);
  });

  it('gives a republished copy of the same fact (new event id) the same message id', () => {
    const first = map('certificate.expiring');
    const republished = map('certificate.expiring', 'a-new-eventbridge-id');
    expect(first.ok && republished.ok && first.message.messageId === republished.message.messageId).toBe(
      true,
    );
  });

  it('gives different facts different message ids', () => {
    const ids = (Object.keys(sampleEvents) as (keyof typeof sampleEvents)[]).map((type) => {
      const mapped = map(type);
      return mapped.ok ? mapped.message.messageId : type;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('explains a failed listing in Vietnamese and English', () => {
    const mapped = map('listing.failed');
    if (!mapped.ok) throw new Error('expected a message');
    const { data } = JSON.parse(mapped.message.body);
    expect(data.message.vi).toContain('Không đăng được "Chè lam Phủ Quảng" lên Shopee');
    expect(data.message.en).toContain('Could not list "Chè lam Phủ Quảng" on Shopee');
    expect(data.failure.reason.vi).toContain('rút gọn');
  });

  it('explains a drift, its cause and what was done, in Vietnamese and English', () => {
    const mapped = map('listing.drift');
    if (!mapped.ok) throw new Error('expected a message');
    const { data } = JSON.parse(mapped.message.body);
    expect(data.message.vi).toContain('có người sửa tay trên kênh người bán');
    expect(data.message.en).toContain('edited it by hand in the seller centre');
    expect(data.differences).toEqual([{ field: 'stock', expected: 12, actual: 40 }]);
  });

  it('totals an order in VND', () => {
    const mapped = map('order.received');
    if (!mapped.ok) throw new Error('expected a message');
    const { data } = JSON.parse(mapped.message.body);
    expect(data.totalVnd).toBe(405_000);
    expect(data.message.vi).toContain('405.000 ₫');
  });

  it('normalises NFD product names to NFC', () => {
    const event = sampleEvents['stock.low'];
    const mapped = toWebhookMessage(event.detailType, event.detail, event.eventId, {
      productName: 'Mắm tép Hà Yên'.normalize('NFD'),
    });
    expect(mapped.ok && mapped.message.body.includes('Mắm tép Hà Yên'.normalize('NFC'))).toBe(true);
  });

  it('refuses a marketplace event whose producer is unknown', () => {
    const event = sampleEvents['order.received'];
    expect(toWebhookMessage(event.detailType, event.detail, event.eventId)).toEqual({
      ok: false,
      reason: 'producer-unknown',
    });
  });

  it('ignores detail-types that do not notify producers, and refuses invalid details', () => {
    expect(toWebhookMessage('StockSold', {}, 'e1')).toEqual({ ok: false, reason: 'not-notified' });
    expect(toWebhookMessage('StockLow', { productId: 'x' }, 'e1')).toEqual({
      ok: false,
      reason: 'invalid-detail',
    });
  });

  it('builds the endpoint.disabled notice once per run of failures', () => {
    const notice = {
      endpoint: {
        producerId: 'HTX-CHELAM-PHUQUANG',
        endpointId: 'ep_0a1b2c3d4e5f60718293a4b5',
        url: 'https://hook.htx-chelam.vn/ocop',
        eventTypes: ['listing.live' as const],
        status: 'disabled' as const,
        createdAt: '2025-03-01T00:00:00.000Z',
        updatedAt: '2025-03-12T03:00:00.000Z',
        consecutiveFailures: 10,
      },
      disabledAt: '2025-03-12T03:00:00.000Z',
      failingSince: '2025-03-11T01:00:00.000Z',
      consecutiveFailures: 10,
    };
    expect(endpointDisabledMessage(notice).messageId).toBe(endpointDisabledMessage(notice).messageId);
    expect(
      webhookPayloads['endpoint.disabled'].safeParse(JSON.parse(endpointDisabledMessage(notice).body))
        .success,
    ).toBe(true);
  });
});

describe('sample payloads', () => {
  const files = readdirSync(samplesDir).filter((name) => name.endsWith('.json'));

  it('has one sample per webhook type', () => {
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual([...webhookEventTypes].sort());
  });

  it.each(files)('%s validates against its schema', (name) => {
    const sample = JSON.parse(readFileSync(join(samplesDir, name), 'utf8'));
    const type = name.replace(/\.json$/, '') as (typeof webhookEventTypes)[number];
    expect(webhookPayloads[type].safeParse(sample).error).toBeUndefined();
    expect(sample.type).toBe(type);
  });
});
