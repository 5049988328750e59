import type { Sandbox } from '@ocop-sync/sandboxes';
import { EVENT_BUS_NAME, LEDGER_TABLE_NAME, LOCAL_REGION } from './constants.js';

export interface LocalSandboxes {
  readonly shopee: Sandbox<'shopee'>;
  readonly lazada: Sandbox<'lazada'>;
  readonly postmart: Sandbox<'postmart'>;
}

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly eventBridge: string;
  readonly sqs: string;
  /** The image host standing in for the producers' image hosts (no internet locally). */
  readonly images: string;
}

/**
 * The environment every function sees locally: the same keys the CDK stack sets (`functionEnvironment` in
 * @ocop-sync/routing), pointed at the local endpoints. Marketplace app credentials come from the sandboxes
 * (`LOCAL_MARKETPLACE_APPS` replaces the Secrets Manager secret in local mode).
 */
export function sharedEnvironment(
  endpoints: LocalEndpoints,
  sandboxes: LocalSandboxes,
): Record<string, string> {
  const apps = {
    shopee: { partnerId: sandboxes.shopee.app.partnerId, partnerKey: sandboxes.shopee.app.partnerKey },
    lazada: { appKey: sandboxes.lazada.app.appKey, appSecret: sandboxes.lazada.app.appSecret },
    postmart: {
      clientId: sandboxes.postmart.app.clientId,
      clientSecret: sandboxes.postmart.app.clientSecret,
      webhookSecret: sandboxes.postmart.app.webhookSecret,
    },
  };
  return {
    AWS_REGION: LOCAL_REGION,
    LEDGER_TABLE_NAME,
    EVENT_BUS_NAME,
    OCOP_MODE: 'local',
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    EVENTBRIDGE_ENDPOINT: endpoints.eventBridge,
    SQS_ENDPOINT: endpoints.sqs,
    // Adapters append their API paths: Shopee `/api/v2/...`, Lazada `/product/...` after `/rest`, Postmart `/v1/...`.
    SHOPEE_BASE_URL: sandboxes.shopee.url,
    LAZADA_BASE_URL: `${sandboxes.lazada.url}/rest`,
    POSTMART_BASE_URL: sandboxes.postmart.url,
    LOCAL_MARKETPLACE_APPS: JSON.stringify(apps),
    LOCAL_IMAGE_ORIGIN: endpoints.images,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    POWERTOOLS_SERVICE_NAME: 'ocop-sync',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}
