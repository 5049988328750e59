export { createTestLedgerTable, localDynamoDbClient, type TestLedgerTable } from './dynamodb.js';
