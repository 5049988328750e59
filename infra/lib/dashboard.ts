import { Duration } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  Row,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsDashboardProps {
  readonly dashboardName: string;
}

const period = Duration.minutes(5);
const width = 8;
const height = 5;

/** One row per function: its queue (depth, age, dead letters) beside its invocations, errors and duration. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${props.dashboardName}\nQueues, dead letters and functions, one row per route.`,
        width: 24,
        height: 2,
      }),
    );
  }

  addQueueRoute(label: string, queue: IQueue, deadLetterQueue: IQueue, fn: IFunction): void {
    this.addRow(label, fn, [
      new GraphWidget({
        title: `${label}: queue`,
        left: [queue.metricApproximateNumberOfMessagesVisible({ period, label: 'visible' })],
        right: [deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, label: 'dead letters' })],
        width,
        height,
      }),
      new GraphWidget({
        title: `${label}: oldest message (s)`,
        left: [queue.metricApproximateAgeOfOldestMessage({ period, label: 'age' })],
        width,
        height,
      }),
    ]);
  }

  addFunction(label: string, fn: IFunction): void {
    this.addRow(label, fn, []);
  }

  /** A row of a handler's business metrics (e.g. listings checked, drift by class, drift needing a human). */
  addMetrics(label: string, graphs: readonly { title: string; metric: IMetric }[]): void {
    this.dashboard.addWidgets(
      new Row(
        ...graphs.map(
          ({ title, metric }) =>
            new GraphWidget({ title: `${label}: ${title}`, left: [metric], width, height }),
        ),
      ),
    );
  }

  private addRow(label: string, fn: IFunction, queueWidgets: readonly IWidget[]): void {
    const functionWidget = new GraphWidget({
      title: `${label}: function`,
      left: [fn.metricInvocations({ period }), fn.metricErrors({ period }), fn.metricThrottles({ period })],
      right: [fn.metricDuration({ period, statistic: 'p95' })],
      width,
      height,
    });
    this.dashboard.addWidgets(new Row(...queueWidgets, functionWidget));
  }
}
