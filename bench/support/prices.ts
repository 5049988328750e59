/**
 * AWS on-demand prices used by bench/cost.ts, ap-southeast-1 (Singapore), USD. Each says where the figure came
 * from: `found` = the figure was read on the page cited; `assumed` = no Singapore figure was found with the
 * search tool, the figure is the one stated (and why). Free tiers are not applied.
 */
export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly status: 'found' | 'assumed';
  readonly source: string;
}

export const prices = {
  lambdaRequests: {
    usd: 0.2 / 1e6,
    per: 'request',
    status: 'assumed',
    source:
      '$0.20 per 1M requests, as transcribed from aws.amazon.com/lambda/pricing by ' +
      'raw.githubusercontent.com/api-evangelist/aws-lambda/.../aws-lambda-plans-pricing.yml (no region ' +
      'stated); Singapore assumed equal',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 'GB-second (Arm)',
    status: 'assumed',
    source:
      '$0.0000133334 per GB-s Arm, first 7.5 B GB-s, US East (N. Virginia), cloudchipr.com/blog/aws-lambda-pricing; ' +
      'Singapore assumed equal: artillery@2.0.28 lib/platform/aws-lambda/prices.js (app.unpkg.com) lists the ' +
      'regions priced above this base and ap-southeast-1 is not among them',
  },
  dynamoWriteUnit: {
    usd: 0.7125 / 1e6,
    per: 'write request unit',
    status: 'assumed',
    source:
      'US East is $0.625 per 1M WRU (airbyte.com/data-engineering-resources/dynamodb-pricing); Singapore ' +
      'assumed 1.14× US East = $0.7125 per 1M (not found)',
  },
  dynamoReadUnit: {
    usd: 0.1425 / 1e6,
    per: 'read request unit',
    status: 'assumed',
    source: 'US East is $0.125 per 1M RRU (same page); Singapore assumed 1.14× = $0.1425 per 1M (not found)',
  },
  dynamoStorageGbMonth: {
    usd: 0.285,
    per: 'GB-month',
    status: 'assumed',
    source: 'Singapore Standard table class storage assumed $0.285 per GB-month (not found; US East $0.25)',
  },
  eventBridgeCustomEvent: {
    usd: 1 / 1e6,
    per: 'custom event (64 KB chunk)',
    status: 'assumed',
    source:
      'aws.amazon.com/eventbridge/pricing: each 64 KB chunk of a payload is billed as one event (found); ' +
      'the $1.00 per 1M custom events figure was not in the retrieved excerpt and is assumed',
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    per: 'SQS standard request (64 KB chunk)',
    status: 'assumed',
    source: 'Singapore standard queue assumed $0.40 per 1M requests (not found)',
  },
  secretMonth: {
    usd: 0.4,
    per: 'secret-month',
    status: 'found',
    source:
      '$0.40 / secret / month, aws.amazon.com/secrets-manager/pricing as transcribed by ' +
      'raw.githubusercontent.com/api-evangelist/amazon-secrets-manager/.../amazon-secrets-manager-plans-pricing.yml',
  },
  secretApiCall: {
    usd: 0.05 / 10_000,
    per: 'Secrets Manager API call',
    status: 'found',
    source: '$0.05 per 10,000 API calls, same page',
  },
  logsIngestGb: {
    usd: 0.67,
    per: 'GB of CloudWatch Logs ingested',
    status: 'assumed',
    source: 'Singapore CloudWatch Logs standard ingestion assumed $0.67 per GB (not found; US East $0.50)',
  },
  customMetricMonth: {
    usd: 0.3,
    per: 'custom metric-month',
    status: 'assumed',
    source: 'CloudWatch custom metrics assumed $0.30 per metric-month, first tier (not found)',
  },
  xrayTrace: {
    usd: 5 / 1e6,
    per: 'X-Ray trace recorded',
    status: 'assumed',
    source: 'X-Ray assumed $5.00 per 1M traces recorded (not found)',
  },
  httpApiRequest: {
    usd: 1.2 / 1e6,
    per: 'API Gateway HTTP API request',
    status: 'assumed',
    source: 'Singapore HTTP API assumed $1.20 per 1M requests (not found; US East $1.00)',
  },
} as const satisfies Record<string, Price>;
