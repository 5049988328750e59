import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus, type EventBridgeEvent, PutEventsValidationError } from '../src/index.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) {
    rmSync(directory, { recursive: true, force: true });
  }
});

function collector() {
  const received: EventBridgeEvent[] = [];
  return { received, target: async (event: EventBridgeEvent) => void received.push(event) };
}

const certified = (productId: string, time?: string) => ({
  Source: 'ocop.registry',
  DetailType: 'ProductCertified',
  Detail: JSON.stringify({ productId, tenSanPham: 'Mật ong hoa cà phê', stars: 4 }),
  ...(time === undefined ? {} : { Time: new Date(time) }),
});

describe('event bus', () => {
  it('builds full EventBridge events with the configured account and region', async () => {
    // Prepare
    const bus = createEventBus({ account: '123456789012', region: 'ap-southeast-1' });
    const sink = collector();
    bus.addRule({ name: 'all', pattern: { source: ['ocop.registry'] }, target: sink.target });
    // Act
    const result = await bus.putEvents([
      { ...certified('p-1', '2025-06-01T08:30:00.250Z'), Resources: ['arn:p-1'] },
    ]);
    await bus.settled();
    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(sink.received).toEqual([
      {
        version: '0',
        id: expect.any(String),
        'detail-type': 'ProductCertified',
        source: 'ocop.registry',
        account: '123456789012',
        time: '2025-06-01T08:30:00Z',
        region: 'ap-southeast-1',
        resources: ['arn:p-1'],
        detail: { productId: 'p-1', tenSanPham: 'Mật ong hoa cà phê', stars: 4 },
      },
    ]);
    expect(result.Entries).toEqual([{ EventId: sink.received[0]?.id }]);
  });

  it('delivers only to rules whose pattern matches', async () => {
    const bus = createEventBus();
    const stock = collector();
    const listing = collector();
    bus.addRule({ name: 'stock', pattern: { 'detail-type': ['StockMoved'] }, target: stock.target });
    bus.addRule({
      name: 'listing',
      pattern: { detail: { stars: [{ numeric: ['>=', 3] }] } },
      target: listing.target,
    });

    await bus.putEvents([
      certified('p-1'),
      { Source: 'ocop.pos', DetailType: 'StockMoved', Detail: '{"qty":-1}' },
    ]);
    await bus.settled();

    expect(stock.received.map((event) => event['detail-type'])).toEqual(['StockMoved']);
    expect(listing.received.map((event) => event.detail.productId)).toEqual(['p-1']);
  });

  it('reports bad entries one by one and accepts the others', async () => {
    const bus = createEventBus();
    const result = await bus.putEvents([
      certified('p-1'),
      { Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: '["not", "an", "object"]' },
      { Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: '{broken' },
      { DetailType: 'ProductCertified', Detail: '{}' },
      { Source: 'ocop.registry', Detail: '{}' },
      { Source: 'ocop.registry', DetailType: 'ProductCertified' },
      { Source: 'aws.ec2', DetailType: 'Spoof', Detail: '{}' },
    ]);

    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries.slice(1)).toEqual([
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    ]);
    expect(bus.archive.count).toBe(1);
  });

  it('refuses the whole call for more than 10 entries or none', async () => {
    const bus = createEventBus();
    const eleven = Array.from({ length: 11 }, (_, index) => certified(`p-${index}`));
    await expect(bus.putEvents(eleven)).rejects.toThrow(PutEventsValidationError);
    await expect(bus.putEvents([])).rejects.toThrow('greater than or equal to 1');
    expect(bus.archive.count).toBe(0);
  });

  it('measures entry size in UTF-8 bytes and refuses requests over 256 KB', async () => {
    const bus = createEventBus();
    // "ậ" is 3 bytes in UTF-8: 87,382 of them fit under 262,144 bytes with the other fields, 87,400 do not.
    const detailOf = (count: number) => JSON.stringify({ t: 'ậ'.repeat(count) });
    const base = { Source: 's', DetailType: 'd' };
    const fits = 262_144 - 2 - Buffer.byteLength(detailOf(0));
    await expect(bus.putEvents([{ ...base, Detail: detailOf(Math.floor(fits / 3)) }])).resolves.toMatchObject(
      {
        FailedEntryCount: 0,
      },
    );
    await expect(bus.putEvents([{ ...base, Detail: detailOf(Math.floor(fits / 3) + 1) }])).rejects.toThrow(
      'Total size of the entries in the request is over the limit.',
    );
  });

  it('records a failing target without failing PutEvents or other targets', async () => {
    const bus = createEventBus();
    const healthy = collector();
    bus.addRule({
      name: 'broken',
      pattern: { source: ['ocop.registry'] },
      target: async () => {
        throw new Error('marketplace down');
      },
    });
    bus.addRule({ name: 'healthy', pattern: { source: ['ocop.registry'] }, target: healthy.target });

    const result = await bus.putEvents([certified('p-1')]);
    await bus.settled();

    expect(result.FailedEntryCount).toBe(0);
    expect(healthy.received).toHaveLength(1);
    expect(bus.deliveryFailures()).toEqual([
      {
        ruleName: 'broken',
        eventId: healthy.received[0]?.id,
        replayName: undefined,
        error: new Error('marketplace down'),
      },
    ]);
  });

  it('validates patterns when rules are added, and removes rules', async () => {
    const bus = createEventBus();
    expect(() => bus.addRule({ name: 'bad', pattern: { source: [] }, target: async () => {} })).toThrow(
      'Empty arrays are not allowed',
    );
    const sink = collector();
    bus.addRule({ name: 'temporary', pattern: '{"source":["ocop.registry"]}', target: sink.target });
    expect(() => bus.addRule({ name: 'temporary', pattern: { a: ['b'] }, target: sink.target })).toThrow(
      'already exists',
    );
    expect(bus.removeRule('temporary')).toBe(true);

    await bus.putEvents([certified('p-1')]);
    await bus.settled();

    expect(sink.received).toEqual([]);
    expect(bus.ruleNames()).toEqual([]);
  });
});

describe('event archive and replay', () => {
  it('replays the events of a time window again, marked with replay-name', async () => {
    const bus = createEventBus();
    const sink = collector();
    bus.addRule({ name: 'ledger', pattern: { source: ['ocop.registry'] }, target: sink.target });
    await bus.putEvents([
      certified('before', '2025-06-01T07:59:59Z'),
      certified('inside-1', '2025-06-01T08:00:00Z'),
      certified('inside-2', '2025-06-01T08:59:59Z'),
      certified('after', '2025-06-01T09:00:00Z'),
    ]);
    await bus.settled();
    const originals = [...sink.received];

    const replay = await bus.replay({
      from: new Date('2025-06-01T08:00:00Z'),
      to: new Date('2025-06-01T09:00:00Z'),
      replayName: 'recover-ledger',
    });

    const replayed = sink.received.slice(originals.length);
    expect(replay).toEqual({ replayName: 'recover-ledger', eventCount: 2, deliveryCount: 2 });
    expect(replayed.map((event) => event.detail.productId)).toEqual(['inside-1', 'inside-2']);
    expect(replayed.every((event) => event['replay-name'] === 'recover-ledger')).toBe(true);
    expect(replayed.map((event) => event.id)).toEqual(originals.slice(1, 3).map((event) => event.id));
  });

  it('replays only to the named rules, which can tell replays apart by pattern', async () => {
    const bus = createEventBus();
    const live = collector();
    const replayOnly = collector();
    bus.addRule({ name: 'live', pattern: { 'replay-name': [{ exists: false }] }, target: live.target });
    bus.addRule({
      name: 'replays',
      pattern: { 'replay-name': [{ prefix: 'fix-' }] },
      target: replayOnly.target,
    });
    await bus.putEvents([certified('p-1', '2025-06-01T08:00:00Z')]);
    await bus.settled();

    await bus.replay({
      from: new Date('2025-06-01T00:00:00Z'),
      to: new Date('2025-06-02T00:00:00Z'),
      replayName: 'fix-1',
      ruleNames: ['replays', 'live'],
    });
    await bus.replay({
      from: new Date('2025-06-01T00:00:00Z'),
      to: new Date('2025-06-02T00:00:00Z'),
      replayName: 'fix-2',
      ruleNames: ['live'],
    });

    expect(live.received).toHaveLength(1);
    expect(replayOnly.received.map((event) => event['replay-name'])).toEqual(['fix-1']);
    await expect(bus.replay({ from: new Date(0), to: new Date(), ruleNames: ['nope'] })).rejects.toThrow(
      'nope',
    );
  });

  it('keeps the archive in a JSON-lines file that survives a restart', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'event-bus-archive-'));
    directories.push(dataDirectory);
    const first = createEventBus({ archive: { dataDirectory } });
    await first.putEvents([
      certified('p-1', '2025-06-01T08:00:00Z'),
      certified('p-2', '2025-06-01T08:01:00Z'),
    ]);

    const restarted = createEventBus({ archive: { dataDirectory } });
    const sink = collector();
    restarted.addRule({ name: 'ledger', pattern: { detail: { productId: ['p-2'] } }, target: sink.target });
    const replay = await restarted.replay({
      from: new Date('2025-06-01T00:00:00Z'),
      to: new Date('2025-06-02T00:00:00Z'),
    });

    expect(restarted.archive.count).toBe(2);
    expect(replay.eventCount).toBe(2);
    expect(sink.received.map((event) => event.detail.tenSanPham)).toEqual(['Mật ong hoa cà phê']);
    expect(sink.received[0]?.['replay-name']).toBe(replay.replayName);
  });
});
