import type { Channel } from '@ocop-sync/domain';
import { type AwsClients, createAwsClients } from './aws-clients.js';
import { ConfigurationError, type FunctionEnvironment, loadConfig } from './config.js';
import { createSqsParker } from './dead-letter-parker.js';
import { createEventPublisher, type EventPublisher } from './event-publisher.js';
import { createObservability, type Observability } from './observability.js';
import type { QueueHandlerOptions } from './queue-handler.js';

/** What every function builds once at cold start, from its environment. */
export interface FunctionContext {
  config: FunctionEnvironment;
  clients: AwsClients;
  observability: Observability;
  publisher: EventPublisher;
  /** Observability plus the route's DLQ parker: the options of `createQueueHandler`. */
  queueOptions: QueueHandlerOptions;
}

/**
 * Reads the environment, builds the SDK clients, Powertools and the event publisher: call it at module
 * scope, so a bad environment fails the cold start instead of every record.
 *
 * @example
 * const { config, clients, queueOptions, publisher } = createFunctionContext('certification');
 */
export function createFunctionContext(
  functionName: string,
  env: NodeJS.ProcessEnv = process.env,
): FunctionContext {
  const config = loadConfig(env);
  const clients = createAwsClients(config);
  const observability = createObservability(config, functionName);
  return {
    config,
    clients,
    observability,
    publisher: createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME }),
    queueOptions: { ...observability, parker: createSqsParker(clients.sqs, config.DEAD_LETTER_QUEUE_URL) },
  };
}

/** The channel a per-channel route serves (its CHANNEL, set by the routing table). */
export function requireChannel(config: FunctionEnvironment, functionName: string): Channel {
  if (config.CHANNEL === undefined)
    throw new ConfigurationError(`${functionName} needs CHANNEL (set by its route)`);
  return config.CHANNEL;
}
