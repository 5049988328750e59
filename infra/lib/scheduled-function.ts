import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, type ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';
import { OcopFunction, type OcopFunctionProps } from './ocop-function.js';

export interface ScheduledFunctionProps {
  /** Names the schedule and (with `-dlq`) its dead-letter queue. */
  readonly name: string;
  /** When to run, with its time zone (EventBridge Scheduler evaluates cron in that zone). */
  readonly schedule: ScheduleExpression;
  readonly function: OcopFunctionProps;
}

/**
 * A function run by an EventBridge Scheduler schedule. Invocations Scheduler cannot make (after its
 * retries) are kept in a dead-letter queue, so a missed sweep is visible and can be rerun by hand.
 */
export class ScheduledFunction extends Construct {
  readonly handler: OcopFunction;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    this.handler = new OcopFunction(this, 'Handler', props.function);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: `${props.name}-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: the schedule target DLQ of EventBridge Scheduler.',
    });
    const invoker = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `Lets EventBridge Scheduler run ${props.name}`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName: props.name,
      description: props.function.description.slice(0, 512),
      schedule: props.schedule,
      target: new LambdaInvoke(this.handler.function, {
        role: invoker,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });
    acknowledgeWildcardResource(
      invoker,
      `${this.handler.function.functionArn}:*`,
      "CDK's grantInvoke allows this one function's qualified ARNs (versions, aliases) beside the " +
        'unqualified ARN; the wildcard stays inside this single function.',
    );
  }
}
