import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ledgerTable } from './table-definition.js';

/** A reservation of consecutive permits (the marketplaces package's `PermitClaim`, structurally). */
export interface RatePermitClaim {
  key: string;
  count: number;
  intervalMs: number;
  now: number;
}

export interface RatePermitStoreOptions {
  client: DynamoDBClient;
  tableName: string;
}

/** The item outlives its last permit by this long, then DynamoDB's TTL removes it. */
const PACE_TTL_SECONDS = 3_600;
/** Two conditional writes can each lose only to a claim that moved the moment on; a third try settles it. */
const MAX_TRIES = 3;

const paced = z.object({ nextAt: z.number() });

/**
 * Shared marketplace rate limits in the ledger table: one item per limit, `PERMITS#<key>` / `PACE`, holding
 * `nextAt`, the moment the next permit is free (the generic cell rate algorithm). A claim for n permits is one
 * conditional write: if the limit is busy (`nextAt` ≥ now) it adds n intervals and its permits start where
 * the moment was; if idle, it sets the moment to now + n intervals and its permits start now. Claims are
 * applied one after another, so no two permits share a moment, whichever executions claim them.
 *
 * @example
 * const permits = createRatePermitStore({ client, tableName });
 * await permits.claim({ key: 'postmart:app:c1', count: 4, intervalMs: 1000 / 90, now: Date.now() });
 * // → { firstAt }: the 4 calls go at firstAt, firstAt + 11.1 ms, …
 */
export function createRatePermitStore(options: RatePermitStoreOptions) {
  const documents = DynamoDBDocumentClient.from(options.client);
  const key = (scope: string) => ({
    [ledgerTable.partitionKey]: `${ledgerTable.ratePermitsPrefix}${scope}`,
    [ledgerTable.sortKey]: 'PACE',
  });
  const names = { '#nextAt': 'nextAt', '#expiresAt': ledgerTable.timeToLiveAttribute };

  /** Busy limit: the permits queue up behind the ones already handed out. */
  async function queueBehind(claim: RatePermitClaim, cost: number): Promise<number | undefined> {
    try {
      const output = await documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: key(claim.key),
          UpdateExpression: 'SET #nextAt = #nextAt + :cost, #expiresAt = :expiresAt',
          ConditionExpression: '#nextAt >= :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':cost': cost, ':now': claim.now, ':expiresAt': expiry(claim, cost) },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return paced.parse(output.Attributes).nextAt - cost;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Idle limit (or a new one): the permits start now. */
  async function startNow(claim: RatePermitClaim, cost: number): Promise<number | undefined> {
    try {
      await documents.send(
        new UpdateCommand({
          TableName: options.tableName,
          Key: key(claim.key),
          UpdateExpression: 'SET #nextAt = :next, #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#nextAt) OR #nextAt < :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':next': claim.now + cost,
            ':now': claim.now,
            ':expiresAt': expiry(claim, cost),
          },
        }),
      );
      return claim.now;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  // The last moment this process saw per limit: a limit seen idle is tried as idle first, so a quiet
  // claim costs one write, not a failed condition and then a second one.
  const seenNextAt = new Map<string, number>();

  return {
    async claim(claim: RatePermitClaim): Promise<{ firstAt: number }> {
      const cost = claim.count * claim.intervalMs;
      const looksIdle = (seenNextAt.get(claim.key) ?? Number.NEGATIVE_INFINITY) < claim.now;
      const [first, second] = looksIdle ? [startNow, queueBehind] : [queueBehind, startNow];
      for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
        const firstAt = (await first(claim, cost)) ?? (await second(claim, cost));
        if (firstAt !== undefined) {
          seenNextAt.set(claim.key, firstAt + cost);
          return { firstAt };
        }
      }
      throw new Error(`rate permits for ${claim.key}: the claim lost ${MAX_TRIES} races in a row`);
    },
  };
}

const expiry = (claim: RatePermitClaim, cost: number) =>
  Math.ceil((claim.now + cost) / 1000) + PACE_TTL_SECONDS;
