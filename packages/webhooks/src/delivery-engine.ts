import { ATTEMPT_LEASE_MS } from './constants.js';
import { deliver } from './deliver.js';
import { type EndpointDisabledNotice, endpointDisabledMessage } from './fallback.js';
import { type AttemptSummary, type NextAttemptPlan, planNextAttempt } from './schedule.js';
import type { ServiceContext } from './service-context.js';
import type {
  AttemptResult,
  Delivery,
  DeliveryTask,
  Endpoint,
  WebhookEventType,
  WebhookMessage,
} from './types.js';

export type AttemptReport =
  | {
      kind: 'attempted';
      result: AttemptResult;
      next: NextAttemptPlan;
      endpointDisabled?: EndpointDisabledNotice;
      /** The message's type, so callers can report the outcome without reading the message back. */
      messageType: WebhookEventType;
      /** The number of this attempt: attempts ever made for this message × endpoint, this one included. */
      attempts: number;
    }
  | { kind: 'not-due'; dueAt: string }
  | { kind: 'skipped'; reason: 'not-found' | 'not-pending' | 'claimed-elsewhere' | 'endpoint-disabled' };

export interface PublishResult {
  /** `false` when the message id was already stored (the same domain event again). */
  created: boolean;
  /** Deliveries created now and due immediately (one per subscribed active endpoint). */
  tasks: DeliveryTask[];
}

type Loaded = { delivery: Delivery; endpoint: Endpoint; message: WebhookMessage };

const toTask = (delivery: Delivery): DeliveryTask => ({
  messageId: delivery.messageId,
  producerId: delivery.producerId,
  endpointId: delivery.endpointId,
  dueAt: delivery.dueAt,
});

/** `endpoint.disabled` is operational: every endpoint gets it, whatever it subscribed to. */
const subscribes = (endpoint: Endpoint, message: WebhookMessage) =>
  message.type === 'endpoint.disabled' || endpoint.eventTypes.includes(message.type);

/** The attempts since the (re)schedule as the schedule sees them: all but the last were retryable failures. */
const attemptsSoFar = (step: number, last: AttemptResult): AttemptSummary[] => [
  ...Array.from({ length: Math.max(0, step - 1) }, () => ({ succeeded: false, retryable: true })),
  last,
];

export function deliveryEngine(context: ServiceContext) {
  const { store, clock } = context;
  /**
   * What `publish` just wrote or read for each task it handed out (delivery, endpoint, message), so the
   * first `attempt` of that task does not read them back. Not a cache: an entry lives only as long as the
   * task object it is keyed by (one invocation), and is taken once; a later attempt of the same task, or
   * any other task, reads the ledger as before.
   */
  const published = new WeakMap<object, Loaded>();

  /** `skipEndpointId` keeps a disable notice off the endpoint it is about. */
  async function publish(message: WebhookMessage, skipEndpointId?: string): Promise<PublishResult> {
    const now = clock.now();
    const created = await store.deliveries.putMessage(message, now);
    const endpoints = (await store.endpoints.list(message.producerId)).filter(
      (endpoint) => endpoint.endpointId !== skipEndpointId && subscribes(endpoint, message),
    );
    const tasks: DeliveryTask[] = [];
    for (const endpoint of endpoints) {
      const delivery = await store.deliveries.createDelivery(message, endpoint, now);
      if (delivery?.status !== 'pending') continue;
      const task = toTask(delivery);
      // Only a message stored now is known to be the stored bytes (a copy may differ from the first).
      if (created) published.set(task, { delivery, endpoint, message });
      tasks.push(task);
    }
    return { created, tasks };
  }

  async function load(
    task: Pick<DeliveryTask, 'messageId' | 'endpointId' | 'producerId'>,
  ): Promise<Loaded | AttemptReport> {
    // The same checks run on what publish handed over; the claim's condition catches any change since.
    const known = published.get(task);
    published.delete(task);
    const delivery = known?.delivery ?? (await store.deliveries.getDelivery(task.messageId, task.endpointId));
    if (delivery === undefined) return { kind: 'skipped', reason: 'not-found' };
    if (delivery.status !== 'pending') return { kind: 'skipped', reason: 'not-pending' };
    if (Date.parse(delivery.dueAt) > clock.now().getTime()) return { kind: 'not-due', dueAt: delivery.dueAt };
    const [endpoint, message] =
      known === undefined
        ? await Promise.all([store.endpoints.get(task), store.deliveries.getMessage(task.messageId)])
        : [known.endpoint, known.message];
    if (endpoint === undefined || message === undefined) return { kind: 'skipped', reason: 'not-found' };
    if (endpoint.status === 'disabled') {
      await store.deliveries.markMissed(delivery);
      return { kind: 'skipped', reason: 'endpoint-disabled' };
    }
    return { delivery, endpoint, message };
  }

  /**
   * Makes the attempt a task stands for, if it is still due: claims it, delivers, logs it, plans the
   * next one and keeps the endpoint's health (auto-disable). Safe to call twice for the same task.
   */
  async function attempt(
    task: Pick<DeliveryTask, 'messageId' | 'endpointId' | 'producerId'>,
  ): Promise<AttemptReport> {
    const loaded = await load(task);
    if ('kind' in loaded) return loaded;
    const { delivery, endpoint, message } = loaded;
    if (!(await store.deliveries.claim(delivery, new Date(clock.now().getTime() + ATTEMPT_LEASE_MS)))) {
      return { kind: 'skipped', reason: 'claimed-elsewhere' };
    }
    const claimed = { ...delivery, attempts: delivery.attempts + 1, scheduleStep: delivery.scheduleStep + 1 };
    const secrets = await context.secrets.signingSecrets(endpoint, clock.now());
    const result = await deliver(
      message,
      { endpointId: endpoint.endpointId, url: endpoint.url, secrets },
      {
        transport: context.transport,
        clock,
      },
    );
    const next = planNextAttempt(attemptsSoFar(claimed.scheduleStep, result), clock.now(), context.schedule);
    await store.deliveries.finishAttempt(claimed, result, next, clock.now());
    const endpointDisabled = await keepHealth(endpoint, result);
    return {
      kind: 'attempted',
      result,
      next,
      ...(endpointDisabled === undefined ? {} : { endpointDisabled }),
      messageType: message.type,
      attempts: claimed.attempts,
    };
  }

  /** Success resets the run of failures; a failure extends it and may disable the endpoint. */
  async function keepHealth(
    endpoint: Endpoint,
    result: AttemptResult,
  ): Promise<EndpointDisabledNotice | undefined> {
    if (result.succeeded) {
      // Nothing to clear when the endpoint was read (just before this attempt) with no run of failures.
      if (endpoint.consecutiveFailures > 0) await store.endpoints.recordSuccess(endpoint);
      return undefined;
    }
    const now = clock.now();
    const health = await store.endpoints.recordFailure(endpoint, now);
    if (health?.status !== 'active' || health.failingSince === undefined) return undefined;
    const longEnough = now.getTime() - Date.parse(health.failingSince) >= context.disablePolicy.failingForMs;
    if (health.consecutiveFailures < context.disablePolicy.consecutiveFailures || !longEnough)
      return undefined;
    if (!(await store.endpoints.disable(endpoint, now))) return undefined;
    const notice: EndpointDisabledNotice = {
      endpoint: { ...health, status: 'disabled', disabledAt: now.toISOString() },
      disabledAt: now.toISOString(),
      failingSince: health.failingSince,
      consecutiveFailures: health.consecutiveFailures,
    };
    await publish(endpointDisabledMessage(notice), endpoint.endpointId);
    await context.fallback?.endpointDisabled(notice);
    return notice;
  }

  /** Pending deliveries due now (the sweep's input, and the local runner's). */
  async function listDue(limit = 100): Promise<DeliveryTask[]> {
    return (await store.deliveries.listDue(clock.now(), limit)).map(toTask);
  }

  return {
    /** Stores a message (once per id) and returns the deliveries due now, one per subscribed active endpoint. */
    publish: (message: WebhookMessage) => publish(message),
    attempt,
    listDue,
  };
}
