/**
 * Throughput of the local bus: PutEvents over HTTP with the real SDK client, and raw matcher evaluations
 * for 50 realistic rules. Run with: npx tsx packages/event-bus/bench/bus-throughput.ts
 */
import { performance } from 'node:perf_hooks';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { flattenEvent } from '../src/event-flattener.js';
import { compileEventPattern, createEventBus, startEventBusServer } from '../src/index.js';

const PROVINCES = ['Đắk Lắk', 'Hà Giang', 'Phú Quốc', 'Lâm Đồng', 'Thái Nguyên', 'Bến Tre'];
const CHANNELS = ['postmart', 'shopee', 'lazada', 'showroom'];
const DETAIL_TYPES = [
  'ProductCertified',
  'CertificateExpiring',
  'StockMoved',
  'ListingRequested',
  'PriceChanged',
];

function realisticRules(): unknown[] {
  const rules: unknown[] = [];
  for (const [index, detailType] of DETAIL_TYPES.entries()) {
    rules.push({ source: [{ prefix: 'ocop.' }], 'detail-type': [detailType] });
    rules.push({ 'detail-type': [detailType], detail: { stars: [{ numeric: ['>=', 3 + (index % 3)] }] } });
    rules.push({
      'detail-type': [detailType],
      detail: { channel: [CHANNELS[index % CHANNELS.length] ?? 'shopee'] },
    });
    rules.push({ detail: { province: [{ 'equals-ignore-case': PROVINCES[index] ?? 'Huế' }] } });
    rules.push({ detail: { sku: [{ wildcard: `OCOP-*-${index}*` }] } });
    rules.push({
      detail: { quantity: [{ numeric: ['<', 0] }], warehouse: [{ 'anything-but': ['kho-tong'] }] },
    });
    rules.push({
      $or: [{ detail: { stars: [5] } }, { detail: { tags: ['đặc sản', 'quà tặng'] } }],
      source: ['ocop.registry'],
    });
    rules.push({
      detail: {
        producer: { ip: [{ cidr: '10.0.0.0/8' }] },
        expiresInDays: [{ numeric: ['>', 0, '<=', 30] }],
      },
    });
    rules.push({
      detail: {
        listings: { channel: [CHANNELS[(index + 1) % CHANNELS.length] ?? 'lazada'], active: [true] },
      },
    });
    rules.push({
      'detail-type': [{ 'anything-but': { prefix: 'Price' } }],
      detail: { discontinued: [{ exists: false }] },
    });
  }
  return rules;
}

function sampleDetail(index: number): Record<string, unknown> {
  return {
    sku: `OCOP-${index % 97}-${index % 5}`,
    productName: 'Mật ong hoa cà phê',
    province: PROVINCES[index % PROVINCES.length],
    stars: 3 + (index % 3),
    channel: CHANNELS[index % CHANNELS.length],
    quantity: (index % 7) - 3,
    warehouse: index % 2 === 0 ? 'kho-tong' : 'showroom-q1',
    tags: index % 3 === 0 ? ['đặc sản'] : ['nông sản'],
    expiresInDays: index % 60,
    producer: { name: 'HTX Ong Mật Tây Nguyên', ip: `10.0.${index % 255}.1` },
    listings: CHANNELS.map((channel, position) => ({ channel, active: (index + position) % 2 === 0 })),
  };
}

async function benchmarkHttp(rules: unknown[]): Promise<void> {
  const bus = createEventBus();
  let routed = 0;
  rules.forEach((pattern, index) => {
    bus.addRule({
      name: `rule-${index}`,
      pattern,
      target: async () => {
        routed += 1;
      },
    });
  });
  const server = await startEventBusServer({ bus, port: 0 });
  const client = new EventBridgeClient({
    endpoint: server.url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const calls = 2000;
  const concurrency = 16;
  let accepted = 0;
  let next = 0;
  const batch = (start: number): PutEventsRequestEntry[] =>
    Array.from({ length: 10 }, (_, offset) => ({
      Source: 'ocop.registry',
      DetailType: DETAIL_TYPES[(start + offset) % DETAIL_TYPES.length],
      Detail: JSON.stringify(sampleDetail(start + offset)),
    }));
  const worker = async (): Promise<void> => {
    while (next < calls) {
      const call = next;
      next += 1;
      const response = await client.send(new PutEventsCommand({ Entries: batch(call * 10) }));
      accepted += (response.Entries?.length ?? 0) - (response.FailedEntryCount ?? 0);
    }
  };
  // One call first, so connection set-up and JIT warm-up stay out of the measurement.
  await client.send(new PutEventsCommand({ Entries: batch(0) }));
  await bus.settled();
  routed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  await bus.settled();
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  await server.close();
  console.log(
    `PutEvents over HTTP (real SDK, ${concurrency} in flight, 10 entries/call, ${rules.length} rules):`,
  );
  console.log(
    `  ${accepted} entries accepted in ${seconds.toFixed(2)} s = ${Math.round(accepted / seconds)} entries/s`,
  );
  console.log(`  ${routed} deliveries routed = ${Math.round(routed / seconds)} deliveries/s`);
}

function benchmarkMatcher(rules: unknown[]): void {
  const compiled = rules.map((pattern) => compileEventPattern(pattern));
  const events = Array.from({ length: 500 }, (_, index) => ({
    version: '0',
    id: `e-${index}`,
    'detail-type': DETAIL_TYPES[index % DETAIL_TYPES.length],
    source: index % 4 === 0 ? 'ocop.pos' : 'ocop.registry',
    account: '000000000000',
    time: '2025-06-01T08:30:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail: sampleDetail(index),
  }));
  const measure = (label: string, evaluateEvent: (event: (typeof events)[number]) => number): void => {
    let evaluations = 0;
    let matches = 0;
    const started = performance.now();
    while (performance.now() - started < 3000) {
      for (const event of events) {
        matches += evaluateEvent(event);
        evaluations += compiled.length;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`Matcher, ${compiled.length} rules, ${label}:`);
    console.log(
      `  ${Math.round(evaluations / seconds)} evaluations/s (${((matches / evaluations) * 100).toFixed(1)}% matched)`,
    );
    console.log(
      `  ${Math.round(evaluations / compiled.length / seconds)} events/s against all ${compiled.length} rules`,
    );
  };
  measure('event flattened once per event (as the bus routes)', (event) => {
    const flattened = flattenEvent(event);
    return compiled.filter((pattern) => pattern.matchesFlattened(flattened)).length;
  });
  measure(
    'event flattened for every rule (matches())',
    (event) => compiled.filter((pattern) => pattern.matches(event)).length,
  );
}

const rules = realisticRules();
console.log(`Node ${process.version}`);
await benchmarkHttp(rules);
benchmarkMatcher(rules);
