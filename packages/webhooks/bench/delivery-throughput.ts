/**
 * Deliveries per second to a loopback receiver: 1 endpoint, 50 healthy endpoints, and 50 endpoints of
 * which one is slow (answers after the request timeout) or down (connection refused). Each endpoint has
 * its own workers, as each delivery task is its own queue message in production, so a bad endpoint
 * can only hold its own workers. Bounded: four phases of DURATION_MS each.
 *
 *   npx tsx packages/webhooks/bench/delivery-throughput.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver } from '../src/deliver.js';
import { createHttpTransport } from '../src/http-transport.js';
import { generateSecret } from '../src/signing.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const WORKERS_PER_ENDPOINT = 2;
const REQUEST_TIMEOUT_MS = 1000;
const clock = { now: () => new Date() };
const secret = generateSecret();
const body = JSON.stringify({
  type: 'stock.low',
  timestamp: '2025-03-10T16:42:00+07:00',
  data: {
    producerId: 'HTX-MAMTEP-HAYEN',
    productId: 'TH-MT-0007',
    productName: 'Mắm tép Hà Yên',
    available: 4,
    threshold: 10,
  },
});

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url === '/slow') setTimeout(() => res.writeHead(204).end(), 5000).unref();
    else res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const closed = createServer();
await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
const downPort = (closed.address() as AddressInfo).port;
await new Promise<void>((resolve) => closed.close(() => resolve()));

type Bad = 'none' | 'slow' | 'down';

async function phase(endpoints: number, bad: Bad, durationMs = DURATION_MS) {
  const transport = createHttpTransport({
    mode: 'local',
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxSockets: 256,
  });
  const urls = Array.from({ length: endpoints }, (_, index) => {
    if (index === 0 && bad === 'slow') return `http://127.0.0.1:${port}/slow`;
    if (index === 0 && bad === 'down') return `http://127.0.0.1:${downPort}/down`;
    return `http://127.0.0.1:${port}/ep-${index}`;
  });
  const delivered = new Array<number>(endpoints).fill(0);
  const deadline = performance.now() + durationMs;
  let sequence = 0;
  const worker = async (index: number, url: string) => {
    while (performance.now() < deadline) {
      sequence += 1;
      const message = { messageId: `msg_bench_${sequence}`, body };
      const result = await deliver(
        message,
        { endpointId: `ep_${index}`, url, secrets: [secret] },
        { transport: transport.send, clock },
      );
      if (result.succeeded) delivered[index] = (delivered[index] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(
    urls.flatMap((url, index) => Array.from({ length: WORKERS_PER_ENDPOINT }, () => worker(index, url))),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  const healthy = bad === 'none' ? delivered : delivered.slice(1);
  const healthyTotal = healthy.reduce((sum, count) => sum + count, 0);
  return { perSecond: healthyTotal / seconds, perEndpoint: healthyTotal / seconds / healthy.length };
}

await phase(50, 'none', 1000); // warm-up (JIT, sockets), not reported
const single = await phase(1, 'none');
const allHealthy = await phase(50, 'none');
const withSlow = await phase(50, 'slow');
const withDown = await phase(50, 'down');
server.close();

const row = (label: string, result: { perSecond: number; perEndpoint: number }, ratio?: number) =>
  `| ${label} | ${result.perSecond.toFixed(0)} | ${result.perEndpoint.toFixed(1)} | ${ratio === undefined ? '–' : ratio.toFixed(2)} |`;
console.log(
  `Node ${process.version}, ${DURATION_MS} ms per phase, ${WORKERS_PER_ENDPOINT} workers per endpoint, request timeout ${REQUEST_TIMEOUT_MS} ms`,
);
console.log('| scenario | healthy deliveries/s | per healthy endpoint/s | ratio vs all healthy |');
console.log('|---|---|---|---|');
console.log(row('1 endpoint', single));
console.log(row('50 endpoints, all healthy', allHealthy, 1));
console.log(row('50 endpoints, 1 slow (times out)', withSlow, withSlow.perEndpoint / allHealthy.perEndpoint));
console.log(row('50 endpoints, 1 down (refused)', withDown, withDown.perEndpoint / allHealthy.perEndpoint));
