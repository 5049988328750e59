import type { WebhookEventType, WebhookPayload } from './payloads.js';

/** `production`: https only, public addresses only. `local`: http allowed, loopback allowed (demo receiver). */
export type SecurityMode = 'production' | 'local';

/** Every time-dependent function takes its clock, so tests and replays control time. */
export interface Clock {
  now(): Date;
}

export interface EndpointRef {
  producerId: string;
  endpointId: string;
}

export type EndpointStatus = 'active' | 'disabled';

/** A producer's webhook endpoint. The secret is never part of it (see `SecretStore`). */
export interface Endpoint extends EndpointRef {
  url: string;
  eventTypes: readonly WebhookEventType[];
  description?: string;
  status: EndpointStatus;
  createdAt: string;
  updatedAt: string;
  /** Failed attempts since the last success; reset by a success or a re-enable. */
  consecutiveFailures: number;
  /** When the current run of failures started. */
  failingSince?: string;
  disabledAt?: string;
}

/** One webhook message: one id for all its attempts, to every endpoint (the `webhook-id`). */
export interface WebhookMessage {
  messageId: string;
  producerId: string;
  type: WebhookEventType;
  /** The exact JSON body, stored once so every attempt sends the same bytes. */
  body: string;
  /** The domain event it came from (EventBridge id), for tracing. */
  sourceEventId: string;
  /** The payload's `timestamp`: when the domain fact happened. */
  occurredAt: string;
}

/** How one attempt ended. */
export const attemptOutcomes = [
  'delivered',
  'duplicate',
  'retryable-status',
  'rejected',
  'timeout',
  'connection-error',
  'destination-refused',
] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

/** One attempt as the delivery log keeps it. No header, secret or request body is kept. */
export interface AttemptResult {
  attemptedAt: string;
  outcome: AttemptOutcome;
  succeeded: boolean;
  retryable: boolean;
  latencyMs: number;
  statusCode?: number;
  /** Truncated (`LOGGED_RESPONSE_BODY_CHARS`). */
  responseBody?: string;
  retryAfterSeconds?: number;
  /** A short machine code for transport errors (e.g. `ECONNREFUSED`, `connect-timeout`). */
  errorCode?: string;
}

export interface OutboundRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export type TransportResult =
  | { kind: 'response'; statusCode: number; retryAfter?: string; body: string }
  | { kind: 'error'; error: 'timeout' | 'connection-error' | 'destination-refused'; code: string };

/** Sends one POST; never throws for network outcomes (they are results). */
export type HttpTransport = (request: OutboundRequest) => Promise<TransportResult>;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** DNS resolution, injected so tests control what a hostname resolves to. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Reads the secrets that sign for an endpoint right now (newest first, overlap included). */
export interface SecretResolver {
  signingSecrets(ref: EndpointRef, now: Date): Promise<readonly string[]>;
}

/**
 * Where endpoint secrets live: Secrets Manager in the cloud, the ledger table in local mode
 * (`createLedgerSecretStore`). Implementations keep a list of `{ secret, notAfter? }` per endpoint.
 */
export interface SecretStore extends SecretResolver {
  create(ref: EndpointRef, secret: string, now: Date): Promise<void>;
  /** Adds `secret`; every older secret keeps signing until `overlapUntil`, then is dropped. */
  rotate(ref: EndpointRef, secret: string, now: Date, overlapUntil: Date): Promise<void>;
  /** Ends an overlap early: only the newest secret is kept. */
  finishRotation(ref: EndpointRef): Promise<void>;
  remove(ref: EndpointRef): Promise<void>;
}

/** A delivery (message × endpoint) that should be attempted at `dueAt`. */
export interface DeliveryTask extends EndpointRef {
  messageId: string;
  dueAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'missed';

/** A delivery as stored: where one message stands for one endpoint. */
export interface Delivery extends DeliveryTask {
  status: DeliveryStatus;
  /** Attempts ever made (numbering of the log). */
  attempts: number;
  /** Attempts since the last (re)schedule: the position in the retry schedule. */
  scheduleStep: number;
  messageCreatedAt: string;
  lastOutcome?: AttemptOutcome;
}

export interface LoggedAttempt extends AttemptResult {
  messageId: string;
  endpointId: string;
  attemptNumber: number;
}

export type { WebhookEventType, WebhookPayload };
