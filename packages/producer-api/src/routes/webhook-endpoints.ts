import { type Endpoint, webhookEventTypes } from '@ocop-sync/webhooks';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { endpointParams, listOf, producerParams, toList } from './schemas.js';

const eventType = z.enum(webhookEventTypes);
const eventTypes = z.array(eventType).min(1).max(20);

/** An endpoint as the API shows it: never its secret (the webhooks package does not keep one on it). */
const endpointView = z
  .object({
    endpointId: z.string(),
    url: z.string(),
    eventTypes: z.array(eventType),
    description: z.string().optional(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    updatedAt: z.string(),
    consecutiveFailures: z.number().int(),
    disabledAt: z.string().optional(),
  })
  .meta({ id: 'WebhookEndpoint' });

const viewOf = (endpoint: Endpoint) => ({
  endpointId: endpoint.endpointId,
  url: endpoint.url,
  eventTypes: [...endpoint.eventTypes],
  ...(endpoint.description === undefined ? {} : { description: endpoint.description }),
  status: endpoint.status,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
  consecutiveFailures: endpoint.consecutiveFailures,
  ...(endpoint.disabledAt === undefined ? {} : { disabledAt: endpoint.disabledAt }),
});

/** The signing secret, in the answer of the two routes that make one; no other route ever returns it. */
const newSecret = z
  .string()
  .describe('The signing secret (Standard Webhooks `whsec_…`). Shown once: store it now.');

export const createEndpoint = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/webhook-endpoints',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: 'Registers a webhook endpoint; the answer holds its signing secret, shown this once.',
  successStatus: 201,
  params: producerParams,
  body: z.strictObject({
    url: z.string().max(2048),
    eventTypes,
    description: z.string().min(1).max(200).optional(),
  }),
  response: z.object({ endpoint: endpointView, secret: newSecret }),
  handle: async ({ params, body, deps }) => {
    const { endpoint, secret } = await deps.webhooks.registerEndpoint({
      producerId: params.producerId,
      ...body,
    });
    return { endpoint: viewOf(endpoint), secret };
  },
});

export const listEndpoints = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/webhook-endpoints',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: "The producer's webhook endpoints (never their secrets).",
  params: producerParams,
  response: listOf(endpointView),
  handle: async ({ params, deps }) =>
    toList((await deps.webhooks.listEndpoints(params.producerId)).map(viewOf)),
});

export const updateEndpoint = defineRoute({
  method: 'PATCH',
  path: '/v1/producers/{producerId}/webhook-endpoints/{endpointId}',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: "Changes an endpoint's event types (and optionally its description).",
  params: endpointParams,
  body: z.strictObject({ eventTypes, description: z.string().min(1).max(200).optional() }),
  response: endpointView,
  handle: async ({ params, body, deps }) => viewOf(await deps.webhooks.updateEndpoint(params, body)),
});

export const rotateSecret = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/webhook-endpoints/{endpointId}/rotate-secret',
  scope: 'webhooks:manage',
  tag: 'webhooks',
  summary: 'Makes a new signing secret (shown this once); the old one keeps signing until `overlapUntil`.',
  params: endpointParams,
  body: z.strictObject({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  }),
  response: z.object({ secret: newSecret, overlapUntil: z.string() }),
  handle: async ({ params, body, deps }) => deps.webhooks.rotateSecret(params, body.overlapSeconds),
});

export const endpointRoutes = [createEndpoint, listEndpoints, updateEndpoint, rotateSecret];
