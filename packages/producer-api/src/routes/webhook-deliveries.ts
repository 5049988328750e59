import { randomBytes } from 'node:crypto';
import { attemptOutcomes, deliver, webhookPayloads } from '@ocop-sync/webhooks';
import { z } from 'zod';
import { notFound } from '../problems.js';
import { defineRoute } from '../route.js';
import { endpointParams, listOf, toList } from './schemas.js';

const attemptView = z.object({
  outcome: z.enum(attemptOutcomes),
  succeeded: z.boolean(),
  httpStatus: z.number().int().optional(),
  attemptedAt: z.string(),
});

/**
 * A `listing.live` for the product id `TEST-MESSAGE`, sent straight to one endpoint and signed with its
 * secrets, but kept out of the delivery log and never retried: it checks the receiver, nothing else.
 */
export const sendTestMessage = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/webhook-endpoints/{endpointId}/test',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: 'Sends one signed test message to the endpoint now and says how the endpoint answered.',
  params: endpointParams,
  response: z.object({ messageId: z.string(), attempt: attemptView }),
  handle: async ({ params, deps }) => {
    const endpoint = await deps.webhooks.getEndpoint(params);
    const now = deps.now();
    const body = webhookPayloads['listing.live'].parse({
      type: 'listing.live',
      timestamp: now.toISOString(),
      data: {
        producerId: params.producerId,
        message: { vi: 'Tin nhắn thử từ ocop-sync.', en: 'A test message from ocop-sync.' },
        productId: 'TEST-MESSAGE',
        channel: 'postmart',
        externalItemId: 'TEST-MESSAGE',
        productVersion: 1,
      },
    });
    const messageId = `msg_test_${randomBytes(12).toString('hex')}`;
    const secrets = await deps.webhookParts.secrets.signingSecrets(endpoint, now);
    const result = await deliver(
      { messageId, body: JSON.stringify(body) },
      { endpointId: endpoint.endpointId, url: endpoint.url, secrets },
      { transport: deps.webhookParts.transport, clock: { now: deps.now } },
    );
    return {
      messageId,
      attempt: {
        outcome: result.outcome,
        succeeded: result.succeeded,
        ...(result.statusCode === undefined ? {} : { httpStatus: result.statusCode }),
        attemptedAt: result.attemptedAt,
      },
    };
  },
});

const deliveryView = z
  .object({
    messageId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed', 'missed']),
    attempts: z.number().int(),
    messageCreatedAt: z.string(),
    dueAt: z.string(),
    lastOutcome: z.enum(attemptOutcomes).optional(),
  })
  .meta({ id: 'WebhookDelivery' });

export const listDeliveries = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/webhook-endpoints/{endpointId}/deliveries',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: "The endpoint's recent deliveries (default: the last 7 days, at most 100), newest first.",
  params: endpointParams,
  query: z.strictObject({
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(100),
  }),
  response: listOf(deliveryView),
  handle: async ({ params, query, deps }) => {
    await deps.webhooks.getEndpoint(params);
    const to = deps.now();
    const from =
      query.since === undefined ? new Date(to.getTime() - 7 * 24 * 3600 * 1000) : new Date(query.since);
    const deliveries = await deps.webhookParts.store.deliveries.listByEndpoint(
      params.endpointId,
      from,
      to,
      1000,
    );
    return toList(
      deliveries
        .filter((delivery) => delivery.producerId === params.producerId)
        .sort((left, right) => right.messageCreatedAt.localeCompare(left.messageCreatedAt))
        .slice(0, query.limit)
        .map((delivery) => ({
          messageId: delivery.messageId,
          status: delivery.status,
          attempts: delivery.attempts,
          messageCreatedAt: delivery.messageCreatedAt,
          dueAt: delivery.dueAt,
          ...(delivery.lastOutcome === undefined ? {} : { lastOutcome: delivery.lastOutcome }),
        })),
    );
  },
});

export const replayDelivery = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/webhook-endpoints/{endpointId}/deliveries/{messageId}/replay',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: 'Sends one message to the endpoint again (same id and bytes); it is attempted at once.',
  successStatus: 202,
  params: endpointParams.extend({ messageId: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/) }),
  response: z.object({ messageId: z.string(), replayed: z.boolean() }),
  handle: async ({ params, deps }) => {
    await deps.webhooks.getEndpoint(params);
    const delivery = await deps.webhookParts.store.deliveries.getDelivery(
      params.messageId,
      params.endpointId,
    );
    if (delivery?.producerId !== params.producerId) throw notFound('No such delivery for this endpoint.');
    const tasks = await deps.webhooks.replayMessage(params.messageId, params.endpointId);
    for (const task of tasks) await deps.webhooks.attempt(task);
    return { messageId: params.messageId, replayed: tasks.length > 0 };
  },
});

export const deliveryRoutes = [sendTestMessage, listDeliveries, replayDelivery];
