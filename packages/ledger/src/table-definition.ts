import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The product ledger's single table, described once. The CDK stack, the DynamoDB Local harness and
 * the ledger's own code all read these names, so the key schema cannot drift between cloud and laptop.
 *
 * Items use generic key attributes (`pk`, `sk`, `gsiNpk`, `gsiNsk`); each item type documents in the
 * ledger README which entity prefix it writes (e.g. `PRODUCT#<id>`). GSIs are sparse: an item appears
 * in an index only when it carries that index's key attributes.
 */
export const ledgerTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB's TTL removes processed-event markers and old delivery attempts. */
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /** Products and listings by producer (`PRODUCER#<id>` → `PRODUCT#…` / `LISTING#…`). */
    byProducer: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Products by province and district (`AREA#<province>` → `<district>#<productId>`), overloaded with exact
     * lookups: shop → producer (`SHOP#…`), producer SKU → product (`SKU#…`), marketplace item → listing (`ITEM#…`).
     */
    byArea: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Live certificates sorted by expiry date (sparse: only active/expiring ones): the sweep reads only what is due. */
    byExpiry: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /**
     * Live listings per channel in read-back order (sparse: only listings live on a marketplace): written since
     * their last check first (`0#<written>`), then the least recently checked (`1#<checked>`).
     */
    byReadBack: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  },
  streamViewType: 'NEW_AND_OLD_IMAGES',
  /**
   * Partition-key prefix of the shared marketplace rate limits (`PERMITS#<scope>`): functions that only read
   * the ledger may still claim permits, and IAM limits their writes to these items.
   */
  ratePermitsPrefix: 'PERMITS#',
} as const;

export type LedgerIndexName = (typeof ledgerTable.indexes)[keyof typeof ledgerTable.indexes]['name'];

/** The CreateTable request for DynamoDB Local (the CDK stack builds the same shape from `ledgerTable`). */
export function createLedgerTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(ledgerTable.indexes);
  const keyAttributes = [
    ledgerTable.partitionKey,
    ledgerTable.sortKey,
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: ledgerTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: ledgerTable.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: ledgerTable.streamViewType },
  };
}
