import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { apiRoutes, createApiDeps, createApiHandler, loadApiConfig } from '@ocop-sync/producer-api';
import { createAwsClients, createEventPublisher, createObservability } from '@ocop-sync/runtime';

// Configuration, clients, the JWKS and the routes once per cold start; `createApiHandler` does the rest
// (match, authenticate, rate limit, authorise, validate, RFC 9457 problems), packages/producer-api.
const config = loadApiConfig();
const clients = createAwsClients(config);
const { logger } = createObservability(config, 'producer-api');
const deps = createApiDeps({
  config,
  clients,
  publisher: createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME }),
  logger,
});

/** ANY /v1/{proxy+}: the producer and official API (OpenAPI: packages/producer-api/openapi.json). */
export const handler = middy(createApiHandler(apiRoutes, deps)).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
