import { randomBytes } from 'node:crypto';
import {
  DEFAULT_ROTATION_OVERLAP_SECONDS,
  MAX_ENDPOINTS_PER_PRODUCER,
  MAX_EVENT_TYPES_PER_ENDPOINT,
} from './constants.js';
import { InvalidRequestError, NotFoundError } from './errors.js';
import { type WebhookEventType, webhookEventTypes } from './payloads.js';
import type { ServiceContext } from './service-context.js';
import { generateSecret } from './signing.js';
import { checkDestination } from './ssrf-guard.js';
import type { EndpointChanges } from './store/endpoint-store.js';
import type { Endpoint, EndpointRef } from './types.js';

export interface EndpointRegistration {
  producerId: string;
  url: string;
  eventTypes: readonly WebhookEventType[];
  description?: string;
}

/** Endpoint lifecycle: register, change, rotate secrets. Secrets are returned once and never stored on the endpoint. */
export function endpointAdmin(context: ServiceContext) {
  const { store, secrets, clock } = context;
  const checkUrl = (url: string) => checkDestination(url, context.mode, context.resolver);

  return {
    async registerEndpoint(
      registration: EndpointRegistration,
    ): Promise<{ endpoint: Endpoint; secret: string }> {
      checkEventTypes(registration.eventTypes);
      await checkUrl(registration.url);
      const existing = await store.endpoints.list(registration.producerId);
      if (existing.length >= MAX_ENDPOINTS_PER_PRODUCER) {
        throw new InvalidRequestError(`a producer may have at most ${MAX_ENDPOINTS_PER_PRODUCER} endpoints`);
      }
      const now = clock.now();
      const endpoint: Endpoint = {
        producerId: registration.producerId,
        endpointId: `ep_${randomBytes(12).toString('hex')}`,
        url: registration.url,
        eventTypes: [...new Set(registration.eventTypes)],
        ...(registration.description === undefined ? {} : { description: registration.description }),
        status: 'active',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        consecutiveFailures: 0,
      };
      const secret = generateSecret();
      // Secret first: an endpoint without a secret could be picked for delivery and fail.
      await secrets.create(endpoint, secret, now);
      await store.endpoints.create(endpoint);
      return { endpoint, secret };
    },

    async updateEndpoint(ref: EndpointRef, changes: EndpointChanges): Promise<Endpoint> {
      if (changes.eventTypes !== undefined) checkEventTypes(changes.eventTypes);
      if (changes.url !== undefined) await checkUrl(changes.url);
      const updated = await store.endpoints.update(ref, changes, clock.now());
      if (updated === undefined) throw new NotFoundError('endpoint', ref.endpointId);
      return updated;
    },

    listEndpoints: (producerId: string): Promise<Endpoint[]> => store.endpoints.list(producerId),

    async getEndpoint(ref: EndpointRef): Promise<Endpoint> {
      const endpoint = await store.endpoints.get(ref);
      if (endpoint === undefined) throw new NotFoundError('endpoint', ref.endpointId);
      return endpoint;
    },

    /**
     * Adds a new secret (returned once). Both sign — space-separated signatures — until the overlap
     * ends, then only the new one; `finishRotation` ends the overlap early.
     */
    async rotateSecret(
      ref: EndpointRef,
      overlapSeconds = DEFAULT_ROTATION_OVERLAP_SECONDS,
    ): Promise<{ secret: string; overlapUntil: string }> {
      if ((await store.endpoints.get(ref)) === undefined) throw new NotFoundError('endpoint', ref.endpointId);
      const now = clock.now();
      const overlapUntil = new Date(now.getTime() + overlapSeconds * 1000);
      const secret = generateSecret();
      await secrets.rotate(ref, secret, now, overlapUntil);
      return { secret, overlapUntil: overlapUntil.toISOString() };
    },

    finishRotation: (ref: EndpointRef): Promise<void> => secrets.finishRotation(ref),

    /** Manual disable (no fallback notice: the producer asked for it). */
    disableEndpoint: (ref: EndpointRef): Promise<boolean> => store.endpoints.disable(ref, clock.now()),
  };
}

function checkEventTypes(eventTypes: readonly string[]): void {
  if (eventTypes.length === 0)
    throw new InvalidRequestError('an endpoint subscribes to at least one event type');
  if (eventTypes.length > MAX_EVENT_TYPES_PER_ENDPOINT) throw new InvalidRequestError('too many event types');
  const unknown = eventTypes.filter((type) => !(webhookEventTypes as readonly string[]).includes(type));
  if (unknown.length > 0) throw new InvalidRequestError(`unknown event types: ${unknown.join(', ')}`);
}
