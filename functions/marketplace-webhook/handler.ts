import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createFunctionContext } from '@ocop-sync/runtime';
import {
  adapterLogger,
  channelOfPath,
  createOrderReader,
  handleMarketplacePush,
  loadMarketplaceApps,
  type MarketplaceApps,
  problem,
  toHttpResult,
} from '@ocop-sync/workflows';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

// Configuration and clients once per cold start; the app keys are fetched once, on the first push; the
// order reader (shop → producer → account → adapter) reads thin Shopee/Lazada order pushes' lines.
const { config, clients, observability, publisher } = createFunctionContext('marketplace-webhook');
const { logger } = observability;
let apps: Promise<MarketplaceApps> | undefined;
const deps = {
  apps: () => {
    apps ??= loadMarketplaceApps(config, clients).catch((error: unknown) => {
      apps = undefined;
      throw error;
    });
    return apps;
  },
  publisher,
  now: () => new Date(),
  readOrder: createOrderReader(config, clients, { logger: adapterLogger(logger) }),
};

/** POST /webhooks/{channel}: verify on the raw bytes, publish, answer fast (200 / 401 / 400 / 503, RFC 9457). */
async function main(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const channel = channelOfPath(event.rawPath);
  if (channel === undefined) return problem(404, 'No such push endpoint');
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  const query = event.rawQueryString === '' ? '' : `?${event.rawQueryString}`;
  // The URL the marketplace signed (Shopee signs it): API Gateway says the scheme in x-forwarded-proto.
  const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  const url = `${scheme}://${event.requestContext.domainName}${event.rawPath}${query}`;
  try {
    const outcome = await handleMarketplacePush(deps, { channel, url, headers: event.headers, body });
    const reason = 'reason' in outcome ? outcome.reason : undefined;
    logger.info('marketplace push handled', { channel, outcome: outcome.kind, reason });
    return toHttpResult(outcome);
  } catch (error) {
    // The marketplace retries a 5xx; internals stay in the log.
    logger.error('marketplace push failed', { channel, error });
    return problem(500, 'Push not processed, please retry');
  }
}

export const handler = middy(main).use(injectLambdaContext(logger, { resetKeys: true }));
