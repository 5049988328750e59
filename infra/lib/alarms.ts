import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  /** Prefixes every alarm name, e.g. `ocop-sync-prod`. */
  readonly namePrefix: string;
  /** Subscribed to the alarm topic when given. */
  readonly email?: string;
  /** A queue whose oldest message is older than this alarms: consumers are stuck or far behind. */
  readonly oldestMessageAge: Duration;
}

const fiveMinutes = Duration.minutes(5);

/**
 * The alarms an operator acts on, all notifying one SNS topic: any message in a dead-letter queue, any
 * function error or throttle, a queue's oldest message getting too old, and business metrics that need a
 * person (drift reconciliation could not correct).
 */
export class OperationalAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly #props: OperationalAlarmsProps;
  readonly #action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.#props = props;
    this.topic = new Topic(this, 'Topic', { displayName: `${props.namePrefix} alarms`, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.#action = new SnsAction(this.topic);
  }

  /** Dead letters (any message at all) and the age of the oldest message of a routed queue. */
  watchQueue(label: string, queue: IQueue, deadLetterQueue: IQueue): void {
    this.watchDeadLetters(label, deadLetterQueue);
    this.add(`${label}-oldest-message`, queue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes }), {
      threshold: this.#props.oldestMessageAge.toSeconds(),
      description: `${label}: the oldest message has waited over ${this.#props.oldestMessageAge.toHumanString()}.`,
    });
  }

  /** Any message in a dead-letter queue needs a person: inspect it, fix the cause, redrive it. */
  watchDeadLetters(label: string, deadLetterQueue: IQueue): void {
    this.add(
      `${label}-dead-letters`,
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      {
        threshold: 1,
        description: `${label}: messages in the dead-letter queue. See infra/README.md (redrive).`,
      },
    );
  }

  /** Unhandled errors (record failures are partial batch responses, not errors) and throttles. */
  watchFunction(label: string, fn: IFunction): void {
    this.add(`${label}-errors`, fn.metricErrors({ period: fiveMinutes }), {
      threshold: 1,
      description: `${label}: the function failed (an unhandled error, a timeout or a crash).`,
    });
    this.add(`${label}-throttles`, fn.metricThrottles({ period: fiveMinutes }), {
      threshold: 1,
      description: `${label}: invocations were throttled (account concurrency exhausted?).`,
    });
  }

  /** A business metric a person must act on (e.g. drift reconciliation leaves to a human). */
  watchMetric(name: string, metric: IMetric, options: { threshold: number; description: string }): void {
    this.add(name, metric, options);
  }

  private add(name: string, metric: IMetric, options: { threshold: number; description: string }): void {
    const alarm = new Alarm(this, name, {
      alarmName: `${this.#props.namePrefix}-${name}`,
      alarmDescription: options.description,
      metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.#action);
    alarm.addOkAction(this.#action);
    this.alarms.push(alarm);
  }
}
