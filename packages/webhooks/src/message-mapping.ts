import { type DetailType, type EventDetail, eventCatalogue } from '@ocop-sync/domain';
import { buildMessage, type MessageDraft } from './message-builder.js';
import {
  certificateTexts,
  driftText,
  listingTexts,
  orderReceivedText,
  stockLowText,
} from './message-texts.js';
import type { WebhookPayload } from './payloads.js';
import type { WebhookMessage } from './types.js';

/** What the ledger adds to an event that lacks it; the notifier looks these up before mapping. */
export interface MappingContext {
  /** The producer owning the shop: marketplace events carry only `shopId`. */
  producerId?: string;
  /** The product's display name, for the human-readable texts (the product id is used otherwise). */
  productName?: string;
}

export type MappingResult =
  | { ok: true; message: WebhookMessage; payload: WebhookPayload }
  | { ok: false; reason: 'not-notified' | 'invalid-detail' | 'producer-unknown' };

type Draft = Omit<MessageDraft, 'producerId' | 'sourceEventId'> & { producerId: string | undefined };
type Drafter<T extends DetailType> = (detail: EventDetail<T>, context: MappingContext) => Draft;

/** Midnight in Asia/Ho_Chi_Minh, the programme's calendar. */
const vnMidnight = (isoDate: string) => `${isoDate}T00:00:00+07:00`;
const daysBefore = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const productFields = (productId: string, context: MappingContext) => ({
  productId,
  ...(context.productName === undefined ? {} : { productName: context.productName }),
});

const drafters: { [T in NotifiedDetailType]: Drafter<T> } = {
  ListingSynced: (detail, context) => {
    const type = `listing.${detail.status}` as const;
    const name = context.productName ?? detail.productId;
    return {
      type,
      producerId: detail.producerId,
      occurredAt: detail.syncedAt,
      dedupeKey: `${detail.productId}/${detail.channel}/${detail.productVersion}`,
      data: {
        ...productFields(detail.productId, context),
        channel: detail.channel,
        externalItemId: detail.externalItemId,
        productVersion: detail.productVersion,
        message: listingTexts[detail.status](name, detail.channel),
      },
    };
  },
  ListingFailed: (detail, context) => ({
    type: 'listing.failed',
    producerId: detail.producerId,
    occurredAt: detail.failedAt,
    dedupeKey: `${detail.productId}/${detail.channel}/${detail.productVersion}/${detail.failure.code}`,
    data: {
      ...productFields(detail.productId, context),
      channel: detail.channel,
      productVersion: detail.productVersion,
      failure: {
        kind: detail.failure.kind,
        code: detail.failure.code,
        ...(detail.failure.field === undefined ? {} : { field: detail.failure.field }),
        reason: detail.failure.message,
      },
      message: listingTexts.failed(
        context.productName ?? detail.productId,
        detail.channel,
        detail.failure.message,
      ),
    },
  }),
  MarketplaceItemBanned: (detail, context) => ({
    type: 'listing.banned',
    producerId: context.producerId,
    occurredAt: detail.bannedAt,
    dedupeKey: `${detail.channel}/${detail.shopId}/${detail.externalItemId}/${detail.bannedAt}`,
    data: {
      channel: detail.channel,
      shopId: detail.shopId,
      externalItemId: detail.externalItemId,
      ...(detail.sellerSku === undefined ? {} : { sellerSku: detail.sellerSku }),
      marketplaceReason: detail.reason,
      message: listingTexts.banned(detail.sellerSku ?? detail.externalItemId, detail.channel, detail.reason),
    },
  }),
  ListingDriftDetected: (detail, context) => ({
    type: 'listing.drift',
    producerId: detail.producerId,
    occurredAt: detail.detectedAt,
    // One message per run's finding: reconciliation publishes each episode and action once.
    dedupeKey: `${detail.productId}/${detail.channel}/${detail.runId}/${detail.driftClass}/${detail.action}`,
    data: {
      ...productFields(detail.productId, context),
      channel: detail.channel,
      sellerSku: detail.sellerSku,
      ...(detail.externalItemId === undefined ? {} : { externalItemId: detail.externalItemId }),
      driftClass: detail.driftClass,
      differences: detail.differences,
      action: detail.action,
      message: driftText(
        context.productName ?? detail.productId,
        detail.channel,
        detail.driftClass,
        detail.action,
      ),
    },
  }),
  StockLow: (detail, context) => ({
    type: 'stock.low',
    producerId: detail.producerId,
    occurredAt: detail.occurredAt,
    dedupeKey: detail.movementId,
    data: {
      ...productFields(detail.productId, context),
      available: detail.available,
      threshold: detail.threshold,
      message: stockLowText(context.productName ?? detail.productId, detail.available, detail.threshold),
    },
  }),
  MarketplaceOrderPlaced: (detail, context) => {
    const units = detail.lines.reduce((sum, line) => sum + line.quantity, 0);
    const priced = detail.lines.every((line) => line.unitPriceVnd !== undefined);
    const totalVnd = priced
      ? detail.lines.reduce((sum, line) => sum + (line.unitPriceVnd ?? 0) * line.quantity, 0)
      : undefined;
    return {
      type: 'order.received',
      producerId: context.producerId,
      occurredAt: detail.placedAt,
      dedupeKey: `${detail.channel}/${detail.shopId}/${detail.orderId}`,
      data: {
        channel: detail.channel,
        shopId: detail.shopId,
        orderId: detail.orderId,
        placedAt: detail.placedAt,
        lines: detail.lines.map(({ sellerSku, quantity, unitPriceVnd }) =>
          unitPriceVnd === undefined ? { sellerSku, quantity } : { sellerSku, quantity, unitPriceVnd },
        ),
        ...(totalVnd === undefined ? {} : { totalVnd }),
        message: orderReceivedText(detail.orderId, detail.channel, units, totalVnd),
      },
    };
  },
  CertificationExpiring: (detail, context) => ({
    type: 'certificate.expiring',
    producerId: detail.producerId,
    // The day the notice threshold is crossed, so a re-run of the sweep gives identical bytes.
    occurredAt: vnMidnight(daysBefore(detail.expiresOn, detail.noticeDays)),
    dedupeKey: `${detail.productId}/${detail.decisionNumber}/${detail.noticeDays}`,
    data: {
      ...productFields(detail.productId, context),
      decisionNumber: detail.decisionNumber,
      expiresOn: detail.expiresOn,
      noticeDays: detail.noticeDays,
      message: certificateTexts.expiring(
        context.productName ?? detail.productId,
        detail.decisionNumber,
        detail.expiresOn,
        detail.noticeDays,
      ),
    },
  }),
  CertificationExpired: (detail, context) => ({
    type: 'certificate.expired',
    producerId: detail.producerId,
    occurredAt: vnMidnight(detail.expiredOn),
    dedupeKey: `${detail.productId}/${detail.decisionNumber}`,
    data: {
      ...productFields(detail.productId, context),
      decisionNumber: detail.decisionNumber,
      expiredOn: detail.expiredOn,
      message: certificateTexts.expired(
        context.productName ?? detail.productId,
        detail.decisionNumber,
        detail.expiredOn,
      ),
    },
  }),
};

/** Detail-types that notify producers (the producer-notifier's rule matches exactly these). */
export const notifiedDetailTypes = [
  'ListingSynced',
  'ListingFailed',
  'ListingDriftDetected',
  'MarketplaceItemBanned',
  'StockLow',
  'MarketplaceOrderPlaced',
  'CertificationExpiring',
  'CertificationExpired',
] as const satisfies readonly DetailType[];
export type NotifiedDetailType = (typeof notifiedDetailTypes)[number];

const isNotified = (detailType: string): detailType is NotifiedDetailType =>
  (notifiedDetailTypes as readonly string[]).includes(detailType);

/**
 * Maps a catalogue event to the webhook message producers receive. Pure: the same event (or a
 * republished copy of the same fact) always gives the same message id and the same bytes.
 *
 * @example
 * const mapped = toWebhookMessage(event['detail-type'], event.detail, event.id, { productName });
 * if (mapped.ok) await service.publish(mapped.message);
 */
export function toWebhookMessage(
  detailType: string,
  detail: unknown,
  eventId: string,
  context: MappingContext = {},
): MappingResult {
  if (!isNotified(detailType)) return { ok: false, reason: 'not-notified' };
  const parsed = eventCatalogue[detailType].detail.safeParse(detail);
  if (!parsed.success) return { ok: false, reason: 'invalid-detail' };
  const draft = draftFor(detailType, parsed.data, context);
  if (draft.producerId === undefined) return { ok: false, reason: 'producer-unknown' };
  return { ok: true, ...buildMessage({ ...draft, producerId: draft.producerId, sourceEventId: eventId }) };
}

function draftFor<T extends NotifiedDetailType>(
  detailType: T,
  detail: unknown,
  context: MappingContext,
): Draft {
  const drafter = drafters[detailType] as Drafter<T>;
  return drafter(detail as EventDetail<T>, context);
}
