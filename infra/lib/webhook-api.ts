import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface WebhookApiProps {
  readonly apiName: string;
  readonly handler: IFunction;
  /** API Gateway route keys, e.g. `POST /webhooks/shopee`. */
  readonly routeKeys: readonly string[];
  readonly throttle: ThrottleSettings;
  readonly logRetention: RetentionDays;
}

/** HTTP API access-log fields: who called which route and how it went; never headers or bodies. */
const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The marketplaces' push endpoint: an HTTP API whose routes all invoke one function, on a throttled
 * `$default` stage with access logs.
 */
export class WebhookApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Signed pushes from the marketplaces (orders, bans), verified by the function.',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    const integration = new HttpLambdaIntegration('Handler', props.handler);
    for (const routeKey of props.routeKeys) {
      const { method, path } = parseRouteKey(routeKey);
      const [route] = this.api.addRoutes({ path, methods: [method], integration });
      if (route === undefined) throw new Error(`no route created for ${routeKey}`);
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Marketplaces push unauthenticated HTTPS requests signed with the app key (HMAC); they cannot ' +
          'present IAM, JWT or Lambda-authorizer credentials. The function verifies every signature ' +
          'before anything is trusted, and the stage is throttled.',
      });
    }
  }
}

function parseRouteKey(routeKey: string): { method: HttpMethod; path: string } {
  const [verb, path, ...rest] = routeKey.split(' ');
  const method = Object.values(HttpMethod).find((candidate) => candidate === verb);
  if (method === undefined || path === undefined || !path.startsWith('/') || rest.length > 0) {
    throw new Error(`route key "${routeKey}" is not "<METHOD> /<path>"`);
  }
  return { method, path };
}
