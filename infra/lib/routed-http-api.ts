import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
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

export interface RoutedHttpApiProps {
  readonly apiName: string;
  readonly description: string;
  /** The `$default` stage's throttle: every route without one of its own. */
  readonly throttle: ThrottleSettings;
  readonly logRetention: RetentionDays;
}

export interface HttpRoutesOptions {
  /** API Gateway route keys, e.g. `POST /webhooks/shopee`. */
  readonly routeKeys: readonly string[];
  /** Why the routes have no API Gateway authorizer (cdk-nag APIG4): who authenticates callers instead. */
  readonly authenticatedBy: string;
  /** A route's own throttle (stage route settings); `undefined` keeps the stage's. */
  readonly throttleOf?: (routeKey: string) => ThrottleSettings | undefined;
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
 * An HTTP API of one HTTP route of the routing table: its route keys all invoke one function, on a
 * throttled `$default` stage with access logs. The API exists before its function so the function can be
 * told the API's URL (OAuth redirect URLs); `routeTo` then adds the routes.
 */
export class RoutedHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: RoutedHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: props.description,
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
  }

  /** Routes every key to `handler`, with per-route throttles where `throttleOf` gives one. */
  routeTo(handler: IFunction, options: HttpRoutesOptions): void {
    const integration = new HttpLambdaIntegration('Handler', handler);
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const routeKey of options.routeKeys) {
      const { method, path } = parseRouteKey(routeKey);
      const [route] = this.api.addRoutes({ path, methods: [method], integration });
      if (route === undefined) throw new Error(`no route created for ${routeKey}`);
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: options.authenticatedBy });
      const throttle = options.throttleOf?.(routeKey);
      if (throttle?.rateLimit === undefined || throttle.burstLimit === undefined) continue;
      routeSettings[routeKey] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
      // A stage's route settings must name routes that already exist.
      this.stage.node.addDependency(route);
    }
    if (Object.keys(routeSettings).length === 0) return;
    const stage = this.stage.node.defaultChild;
    if (!(stage instanceof CfnStage)) throw new Error('the HTTP stage has no CfnStage');
    // HttpStage has no per-route throttle yet; CloudFormation's RouteSettings is keyed by route key.
    stage.routeSettings = routeSettings;
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
