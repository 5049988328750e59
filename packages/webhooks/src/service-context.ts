import {
  DISABLE_AFTER_CONSECUTIVE_FAILURES,
  DISABLE_AFTER_FAILING_FOR_MS,
  RETRY_SCHEDULE_SECONDS,
} from './constants.js';
import type { FallbackNotifier } from './fallback.js';
import type { WebhookStore } from './store/webhook-store.js';
import type { Clock, HostResolver, HttpTransport, SecretStore, SecurityMode } from './types.js';

export interface DisablePolicy {
  /** Failed attempts in a row… */
  consecutiveFailures: number;
  /** …the first of them at least this old. */
  failingForMs: number;
}

export interface WebhookServiceOptions {
  store: WebhookStore;
  secrets: SecretStore;
  transport: HttpTransport;
  mode: SecurityMode;
  clock?: Clock;
  /** DNS for the registration-time destination check (delivery checks again at connection time). */
  resolver?: HostResolver;
  disablePolicy?: DisablePolicy;
  /** Delays in seconds before each attempt; `RETRY_SCHEDULE_SECONDS` by default. */
  schedule?: readonly number[];
  fallback?: FallbackNotifier;
}

/** The options with defaults applied, shared by the service's parts. */
export interface ServiceContext extends Omit<WebhookServiceOptions, 'clock' | 'disablePolicy' | 'schedule'> {
  clock: Clock;
  disablePolicy: DisablePolicy;
  schedule: readonly number[];
}

export const systemClock: Clock = { now: () => new Date() };

export function withDefaults(options: WebhookServiceOptions): ServiceContext {
  return {
    ...options,
    clock: options.clock ?? systemClock,
    disablePolicy: options.disablePolicy ?? {
      consecutiveFailures: DISABLE_AFTER_CONSECUTIVE_FAILURES,
      failingForMs: DISABLE_AFTER_FAILING_FOR_MS,
    },
    schedule: options.schedule ?? RETRY_SCHEDULE_SECONDS,
  };
}
