import { createHash } from 'node:crypto';
import { type WebhookEventType, type WebhookPayload, webhookPayload } from './payloads.js';
import type { WebhookMessage } from './types.js';

export interface MessageDraft {
  type: WebhookEventType;
  producerId: string;
  /** When the domain fact happened: the payload's `timestamp`. */
  occurredAt: string;
  /** What makes this fact unique (e.g. an order id): the same fact always gives the same message id. */
  dedupeKey: string;
  /** `data` without `producerId`, which is added from the draft. */
  data: Record<string, unknown>;
  sourceEventId: string;
}

/**
 * A deterministic message id (`msg_` + 32 hex of SHA-256 over type, producer and dedupe key): a duplicate
 * or republished domain event maps to the same id, so the ledger's conditional write stores it once.
 */
export function messageIdFor(type: WebhookEventType, producerId: string, dedupeKey: string): string {
  const digest = createHash('sha256').update(`${type}\n${producerId}\n${dedupeKey}`).digest('hex');
  return `msg_${digest.slice(0, 32)}`;
}

/** Validates the payload against the catalogue (normalising texts to NFC) and freezes its bytes. */
export function buildMessage(draft: MessageDraft): { message: WebhookMessage; payload: WebhookPayload } {
  const payload = webhookPayload.parse({
    type: draft.type,
    timestamp: draft.occurredAt,
    data: { producerId: draft.producerId, ...draft.data },
  });
  const message: WebhookMessage = {
    messageId: messageIdFor(draft.type, draft.producerId, draft.dedupeKey),
    producerId: draft.producerId,
    type: draft.type,
    body: JSON.stringify(payload),
    sourceEventId: draft.sourceEventId,
    occurredAt: payload.timestamp,
  };
  return { message, payload };
}
