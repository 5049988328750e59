import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The DynamoDB commands a client sends while `act` runs, by name, in the order sent. Counted by a middleware
 * on the client itself, so every store built over it (document client included) is seen.
 */
export async function dynamoCommandsDuring(
  client: DynamoDBClient,
  act: () => Promise<unknown>,
): Promise<string[]> {
  const sent: string[] = [];
  const name = `count-commands-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await act();
  } finally {
    client.middlewareStack.remove(name);
  }
  return sent;
}
