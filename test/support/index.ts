export { createTestLedgerTable, localDynamoDbClient, type TestLedgerTable } from './dynamodb.js';
export { dynamoCommandsDuring } from './dynamodb-commands.js';
