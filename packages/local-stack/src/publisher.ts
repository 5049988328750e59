import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { localCredentials } from '@ocop-sync/dynamodb-local';
import { EVENT_BUS_NAME, LOCAL_REGION } from './constants.js';
import type { SampleEvent } from './samples.js';

export interface PublishOutcome {
  readonly accepted: number;
  /** Entries the bus refused, with EventBridge's error code and message. */
  readonly refused: ReadonlyArray<{ readonly detailType: string; readonly error: string }>;
}

/** The real EventBridge client pointed at the local bus, as a registry or a showroom POS would use it. */
export const createBusClient = (endpoint: string): EventBridgeClient =>
  new EventBridgeClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });

/** PutEvents in calls of at most 10 entries (EventBridge's limit). */
export async function publish(
  client: EventBridgeClient,
  events: readonly SampleEvent[],
): Promise<PublishOutcome> {
  let accepted = 0;
  const refused: Array<{ detailType: string; error: string }> = [];
  for (let start = 0; start < events.length; start += 10) {
    const chunk = events.slice(start, start + 10);
    const output = await client.send(
      new PutEventsCommand({
        Entries: chunk.map((event) => ({
          EventBusName: EVENT_BUS_NAME,
          Source: event.source,
          DetailType: event['detail-type'],
          Detail: JSON.stringify(event.detail),
        })),
      }),
    );
    (output.Entries ?? []).forEach((entry, index) => {
      if (entry.EventId) accepted += 1;
      else
        refused.push({
          detailType: chunk[index]?.['detail-type'] ?? '(unknown)',
          error: `${entry.ErrorCode ?? 'Error'}: ${entry.ErrorMessage ?? ''}`,
        });
    });
  }
  return { accepted, refused };
}
