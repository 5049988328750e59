import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IGrantable, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type Environment, mergeEnvironments } from './environment.js';
import { repoRoot } from './paths.js';

/** Grants one intent (e.g. "read-write on the ledger") to a function's role. */
export interface IntentGrant {
  readonly intent: string;
  grant(grantee: IGrantable): void;
}

export interface OcopFunctionProps {
  /** Path of the TypeScript entry exporting `handler`. */
  readonly entry: string;
  readonly functionName?: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Merged over the house defaults (Powertools service, source maps); a layer never overwrites another. */
  readonly environment: Environment;
  readonly grants: readonly IntentGrant[];
  readonly logRetention: RetentionDays;
  /** Powertools logger, metrics and tracer settings, as the functions read them at cold start. */
  readonly powertools: PowertoolsSettings;
}

export interface PowertoolsSettings {
  readonly serviceName: string;
  readonly metricsNamespace: string;
  readonly logLevel: string;
}

/** Powertools' X-Ray actions: X-Ray has no resource-level permissions, so Active tracing needs them on `*`. */
const xrayWildcardReason =
  'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
  'permissions (Service Authorization Reference, AWS X-Ray), so AWS requires Resource "*" for them.';

/**
 * The one place the house defaults for functions live: Node.js 22 on arm64, Active tracing, a log group
 * with retention, ESM bundling with esbuild (minified, source maps, `--enable-source-maps`), and a role of
 * its own with only the grants the call site names (no AWS managed policies).
 */
export class OcopFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: OcopFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName ?? id}: ${props.description}`.slice(0, 1000),
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to this log group only.
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      functionName: props.functionName,
      description: props.description.slice(0, 256),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      environment: mergeEnvironments(
        {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: props.powertools.serviceName,
          POWERTOOLS_METRICS_NAMESPACE: props.powertools.metricsNamespace,
          POWERTOOLS_LOG_LEVEL: props.powertools.logLevel,
        },
        props.environment,
      ),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // The AWS SDK is bundled too: the versions the tests ran against, not whatever the runtime ships.
        externalModules: [],
        tsconfig: `${repoRoot}tsconfig.json`,
        // CommonJS dependencies inside an ESM bundle still call `require`; give them one.
        banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
      },
    });
    for (const intent of props.grants) intent.grant(this.function);

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: xrayWildcardReason,
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the project decided on (ARCHITECTURE.md): tests, the local stack and ' +
        'Lambda run the same major. Moving to Node.js 24 is one deliberate change across all of them.',
    });
  }
}
