import type { CatalogueEvent } from '@ocop-sync/domain';
import type { Ledger } from '@ocop-sync/ledger';
import decisions from '../../../../events/samples/registry/council-decisions.json' with { type: 'json' };
import links from '../../../../events/samples/registry/producer-channels-linked.json' with { type: 'json' };
import movements from '../../../../events/samples/showroom/movements.json' with { type: 'json' };
import { handleStockEvent } from '../../src/stock-ledger.js';
import { toEvent, uid } from './catalogue-event.js';
import { memoryPublisher } from './memory-publisher.js';

export const showroom = (locationId: string) => ({ type: 'showroom', locationId });

const [certifiedSample] = decisions;
const [linkSample] = links;
export const movementSample = (type: string) =>
  movements.find((movement) => movement['detail-type'] === type);

/**
 * The stock-ledger tests' world over a ledger made in `beforeAll` (hence the getter): the council's honey
 * under fresh ids with its cooperative's Shopee shop linked and every showroom serving every channel,
 * movement builders from the samples, and `run`, which handles one event and returns what was published.
 */
export function stockLedgerFixture(ledgerOf: () => Ledger) {
  async function certifiedProduct() {
    const ledger = ledgerOf();
    const productId = uid('TH-2024');
    const producerId = uid('HTX-BT');
    const shopId = uid('shopee-shop');
    const product = { ...certifiedSample?.detail.product, productId };
    const producer = { ...certifiedSample?.detail.product.producer, producerId };
    const certification = {
      ...certifiedSample?.detail,
      eventId: uid('cert'),
      product: { ...product, producer },
    };
    const link = {
      ...linkSample?.detail,
      eventId: uid('link'),
      producer: { ...linkSample?.detail.producer, producerId },
      channels: [{ channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `ocop/${shopId}` }],
    };
    const certified = toEvent('ocop.registry', 'ProductCertified', certification);
    const linked = toEvent('ocop.registry', 'ProducerChannelsLinked', link);
    if (certified['detail-type'] === 'ProductCertified') await ledger.recordCertification(certified.detail);
    if (linked['detail-type'] === 'ProducerChannelsLinked') await ledger.linkChannels(linked.detail);
    await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
    return { productId, producerId, shopId };
  }
  const movement =
    (type: 'StockReceived' | 'StockSold', prefix: string) =>
    (productId: string, quantity: number, movementId = uid(prefix)) =>
      toEvent('ocop.showroom', type, { ...movementSample(type)?.detail, productId, movementId, quantity });
  async function run(event: CatalogueEvent) {
    const publisher = memoryPublisher();
    await handleStockEvent({ ledger: ledgerOf(), publisher }, event);
    return publisher.entries;
  }
  return {
    certifiedProduct,
    received: movement('StockReceived', 'rcv'),
    sold: movement('StockSold', 'sale'),
    run,
  };
}
