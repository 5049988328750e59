import { z } from 'zod';
import { webhookEventTypes } from '../payloads.js';
import { attemptOutcomes } from '../types.js';

/** Items are parsed on the way out of DynamoDB, so a malformed item fails loudly instead of flowing on. */
export const endpointItem = z.object({
  producerId: z.string(),
  endpointId: z.string(),
  url: z.string(),
  eventTypes: z.array(z.enum(webhookEventTypes)),
  description: z.string().optional(),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  updatedAt: z.string(),
  consecutiveFailures: z.number(),
  failingSince: z.string().optional(),
  disabledAt: z.string().optional(),
});

export const messageItem = z.object({
  messageId: z.string(),
  producerId: z.string(),
  type: z.enum(webhookEventTypes),
  body: z.string(),
  sourceEventId: z.string(),
  occurredAt: z.string(),
});

export const deliveryItem = z.object({
  messageId: z.string(),
  producerId: z.string(),
  endpointId: z.string(),
  status: z.enum(['pending', 'delivered', 'failed', 'missed']),
  dueAt: z.string(),
  attempts: z.number(),
  scheduleStep: z.number(),
  messageCreatedAt: z.string(),
  lastOutcome: z.enum(attemptOutcomes).optional(),
});

export const attemptItem = z.object({
  messageId: z.string(),
  endpointId: z.string(),
  attemptNumber: z.number(),
  attemptedAt: z.string(),
  outcome: z.enum(attemptOutcomes),
  succeeded: z.boolean(),
  retryable: z.boolean(),
  latencyMs: z.number(),
  statusCode: z.number().optional(),
  responseBody: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
  errorCode: z.string().optional(),
});

export const secretsItem = z.object({
  secrets: z.array(z.object({ secret: z.string(), createdAt: z.string(), notAfter: z.string().optional() })),
});
