import { startDynamoDbLocal } from '@ocop-sync/dynamodb-local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** One DynamoDB Local for the whole run; each test file creates its own table (see test/support/dynamodb.ts). */
export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', db.endpoint);
  return async () => {
    await db.stop();
  };
}
