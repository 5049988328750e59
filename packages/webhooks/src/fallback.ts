import { buildMessage } from './message-builder.js';
import { endpointDisabledText } from './message-texts.js';
import type { Endpoint, WebhookMessage } from './types.js';

/** Raised once per automatic disable (the worker whose conditional write flipped the status). */
export interface EndpointDisabledNotice {
  endpoint: Endpoint;
  disabledAt: string;
  failingSince: string;
  consecutiveFailures: number;
}

/**
 * How a producer hears that an endpoint was disabled. The service always sends an `endpoint.disabled`
 * webhook to the producer's other active endpoints (see `endpointDisabledMessage`) and returns the
 * notice in the attempt report, so the producer-notifier can also publish `ProducerNotified`
 * (`outcome: 'endpoint-disabled'`) on the bus for the provincial OCOP office. A notifier plugged in here
 * is a third channel (e.g. SMS/Zalo) once one exists.
 */
export interface FallbackNotifier {
  endpointDisabled(notice: EndpointDisabledNotice): Promise<void>;
}

/** The `endpoint.disabled` message; its id is derived from the endpoint and the run, so it is sent once. */
export function endpointDisabledMessage(notice: EndpointDisabledNotice): WebhookMessage {
  const { endpoint } = notice;
  return buildMessage({
    type: 'endpoint.disabled',
    producerId: endpoint.producerId,
    occurredAt: notice.disabledAt,
    dedupeKey: `${endpoint.endpointId}/${notice.failingSince}`,
    sourceEventId: `endpoint-disabled:${endpoint.endpointId}`,
    data: {
      endpointId: endpoint.endpointId,
      disabledAt: notice.disabledAt,
      failingSince: notice.failingSince,
      consecutiveFailures: notice.consecutiveFailures,
      message: endpointDisabledText(endpoint.endpointId, notice.consecutiveFailures, notice.failingSince),
    },
  }).message;
}
