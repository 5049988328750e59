import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionEnvironment } from './config.js';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  secretsManager: SecretsManagerClient;
}

/** Local endpoints accept any credentials; in the cloud the SDK's default chain (the function's role) is used. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The SDK clients a function needs, built once at cold start, pointed at local endpoints when configured. */
export function createAwsClients(config: FunctionEnvironment): AwsClients {
  const common = {
    region: config.AWS_REGION,
    ...(config.OCOP_MODE === 'local' ? { credentials: localCredentials } : {}),
  };
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
  return {
    dynamodb: new DynamoDBClient({ ...common, ...at(config.DYNAMODB_ENDPOINT) }),
    eventBridge: new EventBridgeClient({ ...common, ...at(config.EVENTBRIDGE_ENDPOINT) }),
    sqs: new SQSClient({ ...common, ...at(config.SQS_ENDPOINT) }),
    secretsManager: new SecretsManagerClient({ ...common, ...at(config.SECRETS_MANAGER_ENDPOINT) }),
  };
}
