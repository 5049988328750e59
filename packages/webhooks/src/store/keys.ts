import { ledgerTable } from '@ocop-sync/ledger/table-definition';

/**
 * Key design in the ledger's single table (this package owns the `WEBHOOK…` prefixes and, under a
 * producer, the `ENDPOINT#` sort keys); the full table is in the README. A message, its deliveries and
 * its whole attempt log share one partition, so the log of a message is one Query. gsi1 lists an
 * endpoint's deliveries by creation time (replay by range, replay after re-enable); gsi2 is sparse and
 * holds only pending deliveries, in due order, for the sweep.
 */
export const keys = {
  endpoint: (producerId: string, endpointId: string) => ({
    pk: `PRODUCER#${producerId}`,
    sk: `ENDPOINT#${endpointId}`,
  }),
  endpointPrefix: 'ENDPOINT#',
  producer: (producerId: string) => `PRODUCER#${producerId}`,
  secrets: (endpointId: string) => ({ pk: `WEBHOOK-SECRET#${endpointId}`, sk: 'SECRETS' }),
  messagePk: (messageId: string) => `WEBHOOK-MSG#${messageId}`,
  message: (messageId: string) => ({ pk: `WEBHOOK-MSG#${messageId}`, sk: 'MESSAGE' }),
  delivery: (messageId: string, endpointId: string) => ({
    pk: `WEBHOOK-MSG#${messageId}`,
    sk: `DELIVERY#${endpointId}`,
  }),
  deliveryPrefix: 'DELIVERY#',
  attempt: (messageId: string, endpointId: string, attemptNumber: number) => ({
    pk: `WEBHOOK-MSG#${messageId}`,
    sk: `ATTEMPT#${endpointId}#${String(attemptNumber).padStart(4, '0')}`,
  }),
  attemptPrefix: (endpointId?: string) => (endpointId === undefined ? 'ATTEMPT#' : `ATTEMPT#${endpointId}#`),
  byEndpoint: (endpointId: string) => `WEBHOOK-ENDPOINT#${endpointId}`,
  byEndpointSort: (createdAt: string, messageId: string) => `${createdAt}#${messageId}`,
  due: 'WEBHOOK-DUE',
  dueSort: (dueAt: string, messageId: string, endpointId: string) => `${dueAt}#${messageId}#${endpointId}`,
} as const;

/** DynamoDB TTL (`expiresAt`, epoch seconds) for log items. */
export function expiresAt(now: Date, days: number): number {
  return Math.floor(now.getTime() / 1000) + days * 86_400;
}

/** gsi1 and gsi2 carry only `WEBHOOK-…` partition values here, so they never mix with the ledger's own items. */
export const byEndpoint = ledgerTable.indexes.byProducer;
export const dueIndex = ledgerTable.indexes.byArea;
