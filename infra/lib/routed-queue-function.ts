import { Duration } from 'aws-cdk-lib';
import { CfnRule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { mergeEnvironments } from './environment.js';
import { type IntentGrant, OcopFunction, type OcopFunctionProps } from './ocop-function.js';

export interface RoutedQueueFunctionProps {
  readonly eventBus: IEventBus;
  /** An EventBridge event pattern as JSON (the pattern language in full, `$or` included). */
  readonly eventPattern: Readonly<Record<string, unknown>>;
  /** Names the rule, the queue and (with `-dlq`) the dead-letter queue. */
  readonly name: string;
  readonly visibilityTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
  /** The event source mapping's ScalingConfig.MaximumConcurrency. */
  readonly maxConcurrency: number;
  readonly function: OcopFunctionProps;
  /**
   * When set, the function receives its dead-letter queue's URL under this variable and may send to it,
   * to park a message that can never succeed at once instead of retrying it `maxReceiveCount` times.
   */
  readonly deadLetterQueueUrlVariable?: string;
}

/** Dead letters are kept as long as SQS allows, so a weekend outage can still be inspected and redriven. */
const deadLetterRetention = Duration.days(14);

/**
 * One route from the bus to a function: a rule with the pattern, targeting an encrypted queue with a
 * dead-letter queue (also the rule target's DLQ), consumed by the function with partial batch responses.
 */
export class RoutedQueueFunction extends Construct {
  readonly rule: CfnRule;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly handler: OcopFunction;

  constructor(scope: Construct, id: string, props: RoutedQueueFunctionProps) {
    super(scope, id);
    if (props.visibilityTimeout.toSeconds() < props.function.timeout.toSeconds()) {
      // Lambda refuses such a mapping; fail at synth rather than in the middle of a deployment.
      throw new Error(`${props.name}: the queue's visibility timeout is shorter than the function timeout`);
    }
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: `${props.name}-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: props.name,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    this.rule = this.ruleToQueue(props);

    const dlqEnvironment: Record<string, string> = props.deadLetterQueueUrlVariable
      ? { [props.deadLetterQueueUrlVariable]: this.deadLetterQueue.queueUrl }
      : {};
    this.handler = new OcopFunction(this, 'Handler', {
      ...props.function,
      environment: mergeEnvironments(props.function.environment, dlqEnvironment),
      grants: [
        ...props.function.grants,
        ...(props.deadLetterQueueUrlVariable ? [this.parkInDeadLetterQueue()] : []),
      ],
    });
    this.handler.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }

  private parkInDeadLetterQueue(): IntentGrant {
    return {
      intent: 'park-in-dead-letter-queue',
      grant: (grantee) => this.deadLetterQueue.grantSendMessages(grantee),
    };
  }

  /** A raw CfnRule keeps the pattern exactly as written (the L2 Rule's typed pattern has no `$or`). */
  private ruleToQueue(props: RoutedQueueFunctionProps): CfnRule {
    const rule = new CfnRule(this, 'Rule', {
      name: props.name,
      description: props.function.description.slice(0, 512),
      eventBusName: props.eventBus.eventBusName,
      eventPattern: props.eventPattern,
      state: 'ENABLED',
      targets: [
        {
          id: 'Queue',
          arn: this.queue.queueArn,
          // Events EventBridge cannot deliver (after its retries) land in the same DLQ as failed messages.
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      ],
    });
    for (const queue of [this.queue, this.deadLetterQueue]) {
      queue.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
        }),
      );
    }
    return rule;
  }
}
