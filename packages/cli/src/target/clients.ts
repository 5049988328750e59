import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Target } from './target.js';

export interface Clients {
  eventBridge: EventBridgeClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  destroy(): void;
}

/** The local endpoints check no signature; any static credentials do. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** SDK clients for the target: explicit endpoints locally, the SDK's default chains on AWS. */
export function createClients(target: Target): Clients {
  const common = target.endpoints === undefined ? {} : { credentials: localCredentials };
  const region = target.region === undefined ? {} : { region: target.region };
  const eventBridge = new EventBridgeClient({
    ...common,
    ...region,
    ...(target.endpoints ? { endpoint: target.endpoints.eventBridge } : {}),
  });
  const dynamodb = new DynamoDBClient({
    ...common,
    ...region,
    ...(target.endpoints ? { endpoint: target.endpoints.dynamodb } : {}),
  });
  const sqs = new SQSClient({
    ...common,
    ...region,
    ...(target.endpoints ? { endpoint: target.endpoints.sqs } : {}),
  });
  return {
    eventBridge,
    dynamodb,
    sqs,
    destroy() {
      eventBridge.destroy();
      dynamodb.destroy();
      sqs.destroy();
    },
  };
}
