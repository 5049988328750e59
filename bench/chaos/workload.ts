import type { Channel } from '@ocop-sync/domain';
import { loadSamples, type SampleEvent } from '@ocop-sync/local-stack';
import { z } from 'zod';
import { createPrng } from './prng.js';

/** The shapes the workload copies from `events/samples` (only the fields it rewrites are named). */
const certifiedTemplate = z.looseObject({
  product: z.looseObject({ productId: z.string(), name: z.string(), producer: z.looseObject({}) }),
  certificate: z.looseObject({ decisionNumber: z.string() }),
});
const linkTemplate = z.looseObject({
  producer: z.looseObject({ producerId: z.string(), name: z.string(), type: z.string() }),
  channels: z.array(z.looseObject({ channel: z.string(), shopId: z.string() })),
});

export interface WorkloadOptions {
  seed: number;
  products: number;
  /** Products per producer (a cooperative lists several); default 4. */
  productsPerProducer?: number;
  channels: readonly Channel[];
  /** Showroom sales per product after the stock is received; default 2. */
  salesPerProduct?: number;
  /** Namespaces every id (products, producers, events), so a run's data is its own. */
  prefix: string;
}

export interface Workload {
  readonly prefix: string;
  readonly productIds: readonly string[];
  readonly producerIds: readonly string[];
  /** ProducerChannelsLinked, with the sample shop ids (the harness swaps in sandbox shops). */
  readonly links: readonly SampleEvent[];
  readonly certifications: readonly SampleEvent[];
  /** WarehouseStockSet and StockReceived: commute with one another (one per product and location). */
  readonly receipts: readonly SampleEvent[];
  /** StockSold: each sale leaves stock ≥ 0 whatever the order, so they commute too. */
  readonly sales: readonly SampleEvent[];
  /** The showroom every sale happens in. */
  readonly showroomId: string;
}

const pad = (value: number) => String(value).padStart(4, '0');

/**
 * A province-like workload generated from the sample events: producers copied from the linked-channels
 * samples (spread over the given channels), products copied from the council decisions, warehouse and
 * showroom stock, then showroom sales. Same options, same events, byte for byte. Phases are published
 * one after the other with a drain between them; inside a phase the events commute, so shuffled or
 * duplicated delivery must give the same final state.
 */
export function createWorkload(options: WorkloadOptions): Workload {
  const prng = createPrng(options.seed);
  const perProducer = options.productsPerProducer ?? 4;
  const salesPerProduct = options.salesPerProduct ?? 2;
  const certifiedSamples = loadSamples('registry/council-decisions.json');
  const linkSamples = loadSamples('registry/producer-channels-linked.json');
  const [movementSample] = loadSamples('showroom/movements.json');
  const showroomSource = loadSamples('showroom/movements.json').find(
    (event) => event['detail-type'] === 'StockSold',
  )?.source;
  if (!movementSample || !showroomSource) throw new Error('the showroom samples are missing');
  const producerCount = Math.max(1, Math.ceil(options.products / perProducer));
  const showroomId = `${options.prefix}-SR`;

  const producers = Array.from({ length: producerCount }, (_, index) => {
    const sample = linkSamples[index % linkSamples.length];
    const detail = linkTemplate.parse(sample?.detail);
    const producerId = `${options.prefix}-H${pad(index)}`;
    const channels = channelsFor(index, options.channels).map((channel) => ({
      channel,
      status: 'linked',
      shopId: `${channel}-${producerId}`.toLowerCase(),
      credentialsSecretName: `ocop-sync/shops/${channel}/${producerId}`,
    }));
    const producer = { ...detail.producer, producerId, name: `${detail.producer.name} ${index + 1}` };
    return { producer, channels, detail };
  });

  const links = producers.map(({ producer, channels, detail }) => ({
    source: 'ocop.registry',
    'detail-type': 'ProducerChannelsLinked',
    detail: { ...detail, eventId: `${producer.producerId}-link`, producer, channels },
  }));

  const productIds: string[] = [];
  const certifications = Array.from({ length: options.products }, (_, index) => {
    const sample = certifiedSamples[index % certifiedSamples.length];
    const detail = certifiedTemplate.parse(sample?.detail);
    const owner = producers[index % producerCount];
    if (!owner) throw new Error('no producer');
    const productId = `${options.prefix}-P${pad(index)}`;
    productIds.push(productId);
    const { area, ...producerRef } = owner.producer as typeof owner.producer & { area?: unknown };
    return {
      source: sample?.source ?? 'ocop.registry',
      'detail-type': 'ProductCertified',
      detail: {
        ...detail,
        eventId: `${productId}-cert`,
        product: {
          ...detail.product,
          productId,
          name: `${detail.product.name} ${index + 1}`.slice(0, 90),
          producer: { producerId: producerRef.producerId, name: producerRef.name, type: producerRef.type },
          ...(area === undefined ? {} : { area }),
        },
        certificate: { ...detail.certificate, decisionNumber: `${index + 1}/QĐ-UBND` },
      },
    };
  });

  const received = new Map<string, number>();
  const receipts = productIds.flatMap((productId, index) => {
    const owner = producers[index % producerCount];
    const quantity = prng.int(salesPerProduct * 2 + 5, salesPerProduct * 2 + 40);
    received.set(productId, quantity);
    return [
      {
        source: 'ocop.producer',
        'detail-type': 'WarehouseStockSet',
        detail: {
          movementId: `${productId}-wh`,
          occurredAt: movementSample.detail.occurredAt,
          productId,
          warehouseId: `WH-${owner?.producer.producerId ?? options.prefix}`,
          quantity: prng.int(10, 60),
        },
      },
      {
        source: showroomSource,
        'detail-type': 'StockReceived',
        detail: {
          movementId: `${productId}-rcv`,
          occurredAt: '2024-11-16T09:15:00+07:00',
          productId,
          location: { type: 'showroom', locationId: showroomId },
          quantity,
        },
      },
    ];
  });

  const sales = productIds.flatMap((productId) =>
    Array.from({ length: salesPerProduct }, (_, sale) => ({
      source: showroomSource,
      'detail-type': 'StockSold',
      detail: {
        movementId: `${productId}-sale-${sale}`,
        occurredAt: `2024-11-17T10:${String(10 + (sale % 50)).padStart(2, '0')}:00+07:00`,
        productId,
        location: { type: 'showroom', locationId: showroomId },
        quantity: prng.int(1, 2),
        unitPriceVnd: 50_000,
      },
    })),
  );

  return {
    prefix: options.prefix,
    productIds,
    producerIds: producers.map(({ producer }) => producer.producerId),
    links,
    certifications,
    receipts,
    sales,
    showroomId,
  };
}

/** Producer k links one, two or three of the channels, rotating, so every channel gets its share. */
function channelsFor(index: number, channels: readonly Channel[]): Channel[] {
  const count = 1 + (index % channels.length);
  return Array.from({ length: count }, (_, offset) => channels[(index + offset) % channels.length]).filter(
    (channel): channel is Channel => channel !== undefined,
  );
}
