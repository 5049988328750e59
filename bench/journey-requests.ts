/**
 * DynamoDB, marketplace and other HTTP requests per journey step, on the local stack with the real handlers.
 *
 *   npx tsx bench/journey-requests.ts
 */
import {
  destinations,
  type JourneyResult,
  journeySteps,
  measureJourney,
  type StepMeasurement,
} from './support/journey.js';
import { describeMachine, formatInteger, markdownTable } from './support/machine.js';

type Row = readonly [label: string, cell: (step: StepMeasurement) => string];

/** One column per step, one row per label. */
const stepTable = (steps: readonly StepMeasurement[], rows: readonly Row[]) =>
  markdownTable(
    ['', ...steps.map((step) => journeySteps[step.step])],
    rows.map(([label, cell]) => [label, ...steps.map(cell)]),
  );

const countOf =
  (pick: (step: StepMeasurement) => ReadonlyMap<string, number>, key: string) => (step: StepMeasurement) =>
    String(pick(step).get(key) ?? 0);

/** Every key any step has in the map, sorted, as rows of counts. */
function keyRows(
  steps: readonly StepMeasurement[],
  pick: (step: StepMeasurement) => ReadonlyMap<string, number>,
): Row[] {
  const keys = [...new Set(steps.flatMap((step) => [...pick(step).keys()]))].sort();
  return keys.map((key) => [key, countOf(pick, key)] as const);
}

function destinationRows(steps: readonly StepMeasurement[]): Row[] {
  const known: string[] = Object.values(destinations);
  const others = keyRows(steps, (step) => step.counts.byDestination).filter(
    ([label]) => !known.includes(label),
  );
  const sum = (map: ReadonlyMap<string, number>) =>
    [...map.values()].reduce((total, value) => total + value, 0);
  return [
    ...known.map((label) => [label, countOf((step) => step.counts.byDestination, label)] as const),
    ...others,
    ['**all HTTP requests**', (step) => String(sum(step.counts.byDestination))],
    ['DynamoDB read units (est.)', (step) => String(step.counts.readUnits)],
    ['DynamoDB write units (est.)', (step) => String(step.counts.writeUnits)],
    ['events put on the bus', (step) => String(step.busEntries)],
    ['wall time, ms (this machine)', (step) => formatInteger(step.wallMs)],
  ];
}

/** Requests per sandbox, with the listing outcome the bus saw for that channel during the step. */
const channelRows: Row[] = [destinations.postmart, destinations.shopee, destinations.lazada].map((label) => [
  label,
  (step) => {
    const requests = step.counts.byDestination.get(label) ?? 0;
    const outcome = step.listingOutcomes.get(label.split(' ')[0]?.toLowerCase() ?? '');
    return outcome === undefined ? String(requests) : `${requests} (${outcome})`;
  },
]);

function routeRows(steps: readonly StepMeasurement[]): Row[] {
  const names = [...new Set(steps.flatMap((step) => step.routes.map((route) => route.route)))];
  return names.map((name) => [
    name,
    (step) => {
      const activity = step.routes.find((route) => route.route === name);
      if (activity === undefined || activity.records === 0) return '0';
      const failed = activity.failedRecords > 0 ? `, ${activity.failedRecords} failed` : '';
      return `${activity.invocations} inv / ${activity.records} rec${failed}`;
    },
  ]);
}

function formatJourney({ steps, parkedInDeadLetterQueues }: JourneyResult): string {
  const parked = [...parkedInDeadLetterQueues].map(
    ([route, { count, lastError }]) => `${route}: ${count} (last error: ${lastError})`,
  );
  return [
    '## Requests per journey step',
    '',
    'Requests by destination (every outgoing HTTP request of the process; handlers run in it):',
    '',
    stepTable(steps, destinationRows(steps)),
    '',
    'DynamoDB requests by action (X-Amz-Target; `LOCAL-SECRET#` token reads are counted as Secrets Manager above):',
    '',
    stepTable(
      steps,
      keyRows(steps, (step) => step.counts.dynamoDbActions),
    ),
    '',
    'EventBridge and SQS requests by action:',
    '',
    stepTable(
      steps,
      keyRows(steps, (step) => step.counts.awsActions),
    ),
    '',
    'Marketplace requests per channel (and the listing outcome seen on the bus during the step), then per API:',
    '',
    stepTable(steps, channelRows),
    '',
    stepTable(
      steps,
      keyRows(steps, (step) => step.counts.marketplaceCalls),
    ),
    '',
    'Lambda invocations and SQS records per route (retries after a failure included):',
    '',
    stepTable(steps, routeRows(steps)),
    '',
    `Parked in dead-letter queues at the end: ${parked.length === 0 ? 'none' : parked.join(', ')}.`,
    '',
    `Machine: ${describeMachine()}. The step's own PutEvents call is in the EventBridge count. Failed records ` +
      'are retried after 0.2 s instead of the 180 s visibility timeout, so a failing channel shows every ' +
      'attempt (up to maxReceiveCount) in its counts. Read/write units are estimates from the request bodies ' +
      '(bench/support/dynamodb-capacity.ts): DynamoDB Local does not meter capacity.',
  ].join('\n');
}

console.log(formatJourney(await measureJourney()));
