import type { DemoSummary, JourneyOutcomes } from './summary.js';

const channelNames = { postmart: 'Postmart', shopee: 'Shopee', lazada: 'Lazada' } as const;

/** The summary in words a provincial OCOP officer can read: what is on sale where, what is in stock, what went wrong. */
export function formatSummary(summary: DemoSummary): string {
  const lines: string[] = ['', '=== OCOP sync: demo summary ===', ''];
  lines.push('Events sent to the bus:');
  for (const phase of summary.published) {
    const refused = phase.refused.length > 0 ? `, ${phase.refused.length} refused` : '';
    lines.push(`  - ${phase.phase}: ${phase.accepted} accepted${refused}`);
    for (const entry of phase.refused) lines.push(`      refused ${entry.detailType}: ${entry.error}`);
  }

  lines.push('', ...formatJourneys(summary.journeys));

  lines.push('', `Products recorded in the ledger: ${summary.products.length}`);
  for (const product of summary.products) {
    lines.push(`  - ${product.productId} ${product.name}: certificate ${product.status}`);
  }

  lines.push('', 'Products listed per marketplace (as the marketplace sandboxes hold them):');
  for (const channel of ['postmart', 'shopee', 'lazada'] as const) {
    const shops = summary.listings.filter((shop) => shop.channel === channel);
    const items = shops.flatMap((shop) => shop.items);
    const live = items.filter((item) => item.status === 'live').length;
    lines.push(
      `  ${channelNames[channel]}: ${live} live of ${items.length} item(s) in ${shops.length} shop(s)`,
    );
    for (const shop of shops) {
      for (const item of shop.items) {
        lines.push(`    - ${shop.producerName}: ${item.title} [${item.status}, stock ${item.stock}]`);
      }
    }
  }

  lines.push('', 'Listings as the ledger records them:');
  if (summary.ledgerListings.length === 0) lines.push('  (no listings planned)');
  for (const group of summary.ledgerListings) {
    lines.push(
      `  - ${channelNames[group.channel as keyof typeof channelNames] ?? group.channel} ${group.status}: ${group.count}`,
    );
    for (const failure of group.failures.slice(0, 5)) lines.push(`      ${failure}`);
    if (group.failures.length > 5) lines.push(`      … and ${group.failures.length - 5} more`);
  }

  lines.push('', 'Stock per showroom and warehouse (from the ledger):');
  if (summary.stock.length === 0) lines.push('  (no stock recorded)');
  for (const location of summary.stock) {
    const items = location.items.map((item) => `${item.productId} × ${item.quantity}`).join(', ');
    lines.push(`  - ${location.location}: ${items}`);
  }

  lines.push(
    '',
    `Producer webhooks: ${summary.webhooks.messages} message(s), ${summary.webhooks.deliveries} delivery record(s)`,
  );

  lines.push('', 'Parked in dead-letter queues (need attention):');
  if (summary.deadLetters.length === 0) lines.push('  nothing: every event was processed');
  for (const parked of summary.deadLetters) {
    const note = parked.handlerNotImplemented ? ' (its handler is not implemented yet or did not load)' : '';
    lines.push(`  - ${parked.route}: ${parked.count} message(s)${note}`);
    for (const reason of parked.reasons) lines.push(`      ${reason.count} × ${reason.reason}`);
  }
  lines.push('');
  return lines.join('\n');
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');

/** The three user journeys first: each line says what was expected and what the system really holds. */
function formatJourneys(journeys: JourneyOutcomes): string[] {
  const { listing, stock, webhooks } = journeys;
  const listed = listing.live === listing.expected && listing.servicesListed === 0;
  const lines = [
    'The three journeys:',
    `  [${mark(listed && listing.revokedStillLive === 0)}] 1. Listing on certification: ${listing.live} of ${listing.expected} ` +
      `shippable product-channel listings live; tourism services listed: ${listing.servicesListed}; ` +
      `revoked products still live: ${listing.revokedStillLive}`,
  ];
  for (const missing of listing.missing.slice(0, 5)) lines.push(`         not live: ${missing}`);
  if (listing.missing.length > 5) lines.push(`         … and ${listing.missing.length - 5} more`);
  lines.push(
    `  [${mark(stock.mismatches.length === 0 && stock.checked > 0)}] 2. Showroom stock: ${stock.checked - stock.mismatches.length} of ` +
      `${stock.checked} live listings show the ledger's available-to-sell quantity`,
  );
  for (const mismatch of stock.mismatches.slice(0, 5)) lines.push(`         ${mismatch}`);
  const types = webhooks.byType.map((entry) => `${entry.type} ${entry.count}`).join(', ');
  lines.push(
    `  [${mark(webhooks.received > 0 && webhooks.verified === webhooks.received)}] 3. Producer webhooks: ` +
      `${webhooks.received} received, ${webhooks.verified} signature-verified (standardwebhooks)` +
      (types === '' ? '' : `: ${types}`),
  );
  return lines;
}
