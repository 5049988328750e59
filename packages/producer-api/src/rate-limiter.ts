import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerTable } from '@ocop-sync/ledger';
import { z } from 'zod';

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Seconds until the current window ends (the `Retry-After` of a 429). */
  readonly retryAfterSeconds: number;
}

export type RateLimiter = (subject: string) => Promise<RateLimitDecision>;

export interface RateLimiterOptions {
  client: DynamoDBClient;
  tableName: string;
  limitPerWindow: number;
  windowSeconds?: number;
  now?: () => Date;
}

const counted = z.object({ requests: z.number().int() });

/**
 * A fixed-window counter per caller in the ledger table (`RATE#<subject>` / `WINDOW#<start>`), one atomic
 * ADD per request, so the limit holds across every Lambda instance. The item expires by TTL a window after
 * its end. Fixed windows let a caller send up to twice the limit across a window edge; that is accepted
 * for an API whose goal is to stop one caller from drowning the others, not to meter.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const documents = DynamoDBDocumentClient.from(options.client);
  const windowSeconds = options.windowSeconds ?? 60;
  const now = options.now ?? (() => new Date());
  return async (subject) => {
    const nowSeconds = Math.floor(now().getTime() / 1000);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const windowEnd = windowStart + windowSeconds;
    const result = await documents.send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: {
          [ledgerTable.partitionKey]: `RATE#${subject}`,
          [ledgerTable.sortKey]: `WINDOW#${windowStart}`,
        },
        UpdateExpression: 'ADD #requests :one SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#requests': 'requests', '#expiresAt': ledgerTable.timeToLiveAttribute },
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': windowEnd + windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const { requests } = counted.parse(result.Attributes);
    return {
      allowed: requests <= options.limitPerWindow,
      retryAfterSeconds: Math.max(1, windowEnd - nowSeconds),
    };
  };
}
