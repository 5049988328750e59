import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Channel } from '@ocop-sync/domain';
import { ledgerTable } from '@ocop-sync/ledger/table-definition';

/**
 * The other producers that hold this shop linked, through the ledger's shop → producer index (gsi2,
 * `SHOP#<channel>#<shopId>`, one item per producer account). Marketplace pushes and orders are routed to a
 * producer by shop, so one shop may serve one producer only. The index is eventually consistent: a link made
 * a moment ago may be missed; this guards against a mistaken second connection, it is not a lock.
 */
export async function otherLinkedProducers(
  ledger: { client: DynamoDBClient; tableName: string },
  shop: { channel: Channel; shopId: string; producerId: string },
): Promise<string[]> {
  const index = ledgerTable.indexes.byArea;
  const output = await ledger.client.send(
    new QueryCommand({
      TableName: ledger.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': { S: `SHOP#${shop.channel}#${shop.shopId}` } },
    }),
  );
  return (output.Items ?? [])
    .filter((item) => item.status?.S === 'linked' && item.producerId?.S !== shop.producerId)
    .map((item) => item.producerId?.S ?? '');
}
