import type { ApiConfig } from '@ocop-sync/producer-api';
import type { HandlerName } from '@ocop-sync/routing';
import { CfnOutput } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import type { StackConfig } from './config.js';
import type { Environment } from './environment.js';
import { ProducerIdentity } from './producer-identity.js';
import type { RoutedHttpApi } from './routed-http-api.js';
import type { SyncSecrets } from './secrets.js';

/** What an HTTP route's API and function need beyond the house defaults. */
export interface HttpProfile {
  /** The API's description. */
  readonly description: string;
  /** The `$default` stage's throttle. */
  readonly throttle: ThrottleSettings;
  /** A route's own throttle, if it has one. */
  readonly throttleOf?: (routeKey: string) => ThrottleSettings | undefined;
  /** Who authenticates callers, since no route has an API Gateway authorizer (cdk-nag APIG4). */
  readonly authenticatedBy: string;
  /** Environment the function reads from the API and the resources behind it (merged over the shared one). */
  readonly environment: (api: RoutedHttpApi) => Environment;
}

export interface HttpProfileContext {
  /** Where a profile adds the resources only its API needs (the stack). */
  readonly scope: Construct;
  readonly namePrefix: string;
  readonly config: StackConfig;
  readonly secrets: SyncSecrets;
}

/** Methods that change something; `GET` and a catch-all `ANY` route keep the reading throttle. */
const changingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The HTTP profile of each handler served by an HTTP route. A new HTTP handler fails synthesis until listed. */
export const httpProfiles: Readonly<
  Partial<Record<HandlerName, (context: HttpProfileContext) => HttpProfile>>
> = {
  'marketplace-webhook': ({ config }) => ({
    description: 'Signed pushes from the marketplaces (orders, bans), verified by the function.',
    throttle: { rateLimit: config.webhookRateLimit, burstLimit: config.webhookBurstLimit },
    authenticatedBy:
      'Marketplaces push unauthenticated HTTPS requests signed with the app key (HMAC); they cannot ' +
      'present IAM, JWT or Lambda-authorizer credentials. The function verifies every signature ' +
      'before anything is trusted, and the stage is throttled.',
    environment: () => ({}),
  }),
  'producer-api': ({ scope, namePrefix, config, secrets }) => {
    const identity = new ProducerIdentity(scope, 'ProducerIdentity', { namePrefix });
    new CfnOutput(scope, 'ProducerUserPoolId', {
      value: identity.userPool.userPoolId,
      description: 'Create producer and official accounts here (admin-create-user, then a group)',
    });
    new CfnOutput(scope, 'ProducerApiClientId', {
      value: identity.audience,
      description: 'App client id for signing in to the producer API',
    });
    const read = { rateLimit: config.apiReadRateLimit, burstLimit: config.apiReadBurstLimit };
    const write = { rateLimit: config.apiWriteRateLimit, burstLimit: config.apiWriteBurstLimit };
    return {
      description: 'Producer and official API: shop connection, webhook endpoints, scoped reading.',
      throttle: read,
      throttleOf: (routeKey) => (changingMethods.has(routeKey.split(' ')[0] ?? '') ? write : read),
      // No API Gateway JWT authorizer on purpose: the function verifies the Cognito JWT itself (issuer,
      // audience, signature from the JWKS, expiry), so the very same code runs on the local stack with a
      // development issuer; and the OAuth callback route must stay reachable without a token.
      authenticatedBy:
        'The function verifies every caller itself: a Cognito JWT checked against the pool issuer, ' +
        'the app client audience and the JWKS, with a scope per route; the OAuth callback instead ' +
        'checks a signed, expiring state. The same code runs locally with a development issuer.',
      // The keys the API reads at cold start (`apiEnvironment`, @ocop-sync/producer-api).
      environment: (api) =>
        ({
          API_JWT_ISSUER: identity.issuer,
          API_JWT_AUDIENCE: identity.audience,
          API_JWKS_URL: identity.jwksUrl,
          SHOP_CONNECT_STATE_SECRET_NAME: secrets.shopConnectStateName,
          API_PUBLIC_URL: api.api.apiEndpoint,
        }) satisfies Partial<Record<keyof ApiConfig, string>>,
    };
  },
};

/** The profile of an HTTP route's handler; throws for a handler nobody has decided one for. */
export function httpProfileOf(handler: HandlerName, context: HttpProfileContext): HttpProfile {
  const profile = httpProfiles[handler];
  if (profile === undefined)
    throw new Error(`no HTTP profile for handler ${handler} (infra/lib/http-profiles.ts)`);
  return profile(context);
}
