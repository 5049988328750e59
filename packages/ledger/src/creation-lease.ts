import type { Channel } from '@ocop-sync/domain';
import type { LedgerContext } from './context.js';

/**
 * A lease on creating a product's item on one channel. Two workers handling copies of the same request both
 * see "no item yet" and would both create one; marketplaces that do not refuse a duplicate seller SKU
 * (Shopee) would then hold two items. Whoever takes the lease creates; the other retries later and finds the
 * item recorded. The lease expires on its own, so a worker that dies mid-call blocks nobody for long.
 */
const leaseKey = (productId: string, channel: Channel) => ({
  pk: `LISTING-CREATION#${productId}#${channel}`,
  sk: 'LEASE',
});

export async function takeCreationLease(
  context: LedgerContext,
  input: { productId: string; channel: Channel; holder: string; leaseSeconds: number },
): Promise<boolean> {
  const now = context.now().getTime();
  const outcome = await context.store.transactWrite([
    {
      Put: {
        TableName: context.store.tableName,
        Item: {
          ...leaseKey(input.productId, input.channel),
          entity: 'listing-creation-lease',
          holder: input.holder,
          leaseUntil: now + input.leaseSeconds * 1000,
          // DynamoDB TTL (seconds) tidies leases nobody released.
          expiresAt: Math.floor(now / 1000) + input.leaseSeconds + 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now OR holder = :holder',
        ExpressionAttributeValues: { ':now': now, ':holder': input.holder },
      },
    },
  ]);
  return outcome.ok;
}

export async function releaseCreationLease(
  context: LedgerContext,
  input: { productId: string; channel: Channel; holder: string },
): Promise<void> {
  // Only our own lease: a late release must not free a lease another worker has taken since.
  await context.store.transactWrite([
    {
      Delete: {
        TableName: context.store.tableName,
        Key: leaseKey(input.productId, input.channel),
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': input.holder },
      },
    },
  ]);
}
