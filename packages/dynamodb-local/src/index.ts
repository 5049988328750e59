export {
  type DynamoDbLocal,
  localCredentials,
  type StartOptions,
  startDynamoDbLocal,
} from './dynamodb-local.js';
export { freePort } from './free-port.js';
