import {
  EventBridgeClient,
  InvalidEventPatternException,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEventBus,
  type EventBridgeEvent,
  type EventBusServer,
  startEventBusServer,
} from '../src/index.js';

const bus = createEventBus({ region: 'ap-southeast-1' });
const certified: EventBridgeEvent[] = [];
const stock: EventBridgeEvent[] = [];
let server: EventBusServer;
let client: EventBridgeClient;

beforeAll(async () => {
  bus.addRule({
    name: 'certification',
    pattern: { 'detail-type': ['ProductCertified'] },
    target: async (e) => void certified.push(e),
  });
  bus.addRule({
    name: 'stock',
    pattern: { 'detail-type': ['StockMoved'] },
    target: async (e) => void stock.push(e),
  });
  server = await startEventBusServer({ bus, port: 0 });
  client = new EventBridgeClient({
    endpoint: server.url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

const sampleEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'ProductCertified',
  source: 'ocop.registry',
  account: '000000000000',
  time: '2025-06-01T08:30:00Z',
  region: 'ap-southeast-1',
  resources: [],
  detail: { province: 'Đắk Lắk', stars: 4 },
};

describe('event bus HTTP server (AWS JSON 1.1)', () => {
  it('listens on 127.0.0.1 with the port it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('accepts PutEvents from the real SDK client and routes to matching rules only', async () => {
    const response = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'ocop.registry',
            DetailType: 'ProductCertified',
            Detail: JSON.stringify({ id: 'cert-http-1' }),
          },
          {
            Source: 'ocop.pos',
            DetailType: 'StockMoved',
            Detail: JSON.stringify({ id: 'move-http-1', time: 1 }),
            Time: new Date('2025-06-01T08:00:00Z'),
          },
        ],
      }),
    );
    await bus.settled();

    expect(response.FailedEntryCount).toBe(0);
    expect(response.Entries?.map((entry) => typeof entry.EventId)).toEqual(['string', 'string']);
    expect(certified.filter((event) => event.detail.id === 'cert-http-1')).toHaveLength(1);
    expect(stock.find((event) => event.detail.id === 'move-http-1')).toMatchObject({
      time: '2025-06-01T08:00:00Z',
      region: 'ap-southeast-1',
      source: 'ocop.pos',
    });
    expect(certified.some((event) => event.detail.id === 'move-http-1')).toBe(false);
  });

  it('reports a bad Detail as one failed entry next to good ones', async () => {
    const response = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: '{"id":"good-1"}' },
          { Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: 'not json' },
          { Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: '{"id":"good-2"}' },
        ],
      }),
    );

    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries?.[1]).toEqual({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(response.Entries?.[0]?.EventId).toBeDefined();
    expect(response.Entries?.[2]?.EventId).toBeDefined();
  });

  it('refuses more than 10 entries with a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('less than or equal to 10'),
    });
  });

  it('answers TestEventPattern with true or false', async () => {
    const matching = await client.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { province: [{ 'equals-ignore-case': 'ĐẮK LẮK' }] } }),
        Event: JSON.stringify(sampleEvent),
      }),
    );
    const notMatching = await client.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { stars: [{ numeric: ['>', 4] }] } }),
        Event: JSON.stringify(sampleEvent),
      }),
    );

    expect(matching.Result).toBe(true);
    expect(notMatching.Result).toBe(false);
  });

  it('answers an invalid pattern with InvalidEventPatternException', async () => {
    const attempt = client.send(
      new TestEventPatternCommand({
        EventPattern: '{"source":[{"wildcard":"a**"}]}',
        Event: JSON.stringify(sampleEvent),
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(attempt).rejects.toThrow(
      'Event pattern is not valid. Reason: Consecutive wildcard characters',
    );
  });

  it('refuses a test event missing the mandatory fields', async () => {
    await expect(
      client.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: '{"source":"x"}' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('id, account') });
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation AWSEvents.ListRules',
    });
  });

  it('validates request bodies at the edge', async () => {
    const post = (body: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
        body,
      });

    const wrongShape = await post('{"Entries":[{"Source":42}]}');
    const notJson = await post('{"Entries":');

    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toMatchObject({
      __type: 'ValidationException',
      message: expect.stringContaining('Entries.0.Source'),
    });
    expect(await notJson.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
