import { InvalidRequestError, NotFoundError } from './errors.js';
import type { ServiceContext } from './service-context.js';
import type { Delivery, DeliveryStatus, DeliveryTask, EndpointRef } from './types.js';

const FINISHED: readonly DeliveryStatus[] = ['delivered', 'failed', 'missed'];
const UNDELIVERED: readonly DeliveryStatus[] = ['failed', 'missed'];
const MAX_REPLAY = 10_000;

export interface ReplayRange {
  from: Date;
  to: Date;
  /** `undelivered` (default): failed and missed deliveries; `all`: delivered ones too. */
  include?: 'undelivered' | 'all';
}

/** Replays start a delivery's schedule again from "immediately"; the message id and bytes stay the same. */
export function replayer(context: ServiceContext) {
  const { store, clock } = context;

  async function reschedule(
    deliveries: readonly Delivery[],
    from: readonly DeliveryStatus[],
  ): Promise<DeliveryTask[]> {
    const now = clock.now();
    const tasks: DeliveryTask[] = [];
    for (const delivery of deliveries) {
      const rescheduled = await store.deliveries.reschedule(delivery, now, from);
      if (rescheduled) tasks.push(rescheduled);
    }
    return tasks.map(({ messageId, producerId, endpointId, dueAt }) => ({
      messageId,
      producerId,
      endpointId,
      dueAt,
    }));
  }

  async function activeEndpoint(ref: EndpointRef) {
    const endpoint = await store.endpoints.get(ref);
    if (endpoint === undefined) throw new NotFoundError('endpoint', ref.endpointId);
    if (endpoint.status !== 'active')
      throw new InvalidRequestError(`endpoint ${ref.endpointId} is disabled; enable it first`);
    return endpoint;
  }

  return {
    /** Sends a message again to every active endpoint that had it (or only to `endpointId`). */
    async replayMessage(messageId: string, endpointId?: string): Promise<DeliveryTask[]> {
      if ((await store.deliveries.getMessage(messageId)) === undefined)
        throw new NotFoundError('message', messageId);
      const deliveries = (await store.deliveries.listDeliveries(messageId)).filter(
        (delivery) => endpointId === undefined || delivery.endpointId === endpointId,
      );
      const active: Delivery[] = [];
      for (const delivery of deliveries) {
        const endpoint = await store.endpoints.get(delivery);
        if (endpoint?.status === 'active') active.push(delivery);
      }
      return reschedule(active, FINISHED);
    },

    /** Sends again what an endpoint was sent (or missed) between two instants. */
    async replayRange(ref: EndpointRef, range: ReplayRange): Promise<DeliveryTask[]> {
      await activeEndpoint(ref);
      const deliveries = await store.deliveries.listByEndpoint(
        ref.endpointId,
        range.from,
        range.to,
        MAX_REPLAY,
      );
      return reschedule(deliveries, range.include === 'all' ? FINISHED : UNDELIVERED);
    },

    /**
     * Re-enables a disabled endpoint and replays what it missed: every failed or missed delivery since
     * its run of failures began.
     */
    async enableEndpoint(ref: EndpointRef): Promise<{ enabled: boolean; replayed: DeliveryTask[] }> {
      const endpoint = await store.endpoints.get(ref);
      if (endpoint === undefined) throw new NotFoundError('endpoint', ref.endpointId);
      const since = endpoint.failingSince ?? endpoint.disabledAt ?? endpoint.createdAt;
      const enabled = await store.endpoints.enable(ref, clock.now());
      if (!enabled) return { enabled, replayed: [] };
      const deliveries = await store.deliveries.listByEndpoint(
        ref.endpointId,
        new Date(since),
        clock.now(),
        MAX_REPLAY,
      );
      return { enabled, replayed: await reschedule(deliveries, UNDELIVERED) };
    },
  };
}
