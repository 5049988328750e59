/**
 * Cost per 10,000 certified products per month on AWS ap-southeast-1: runs the journey on the local stack
 * (bench/support/journey.ts, the same code as bench/journey-requests.ts), then prices a stated month.
 *
 *   npx tsx bench/cost.ts
 */
import { monthAssumptions, priceMonth, secretsHeldItem, stepsPerMonth } from './support/cost-model.js';
import { journeySteps, measureJourney } from './support/journey.js';
import { describeMachine, formatInteger, markdownTable } from './support/machine.js';
import { prices } from './support/prices.js';

const journey = await measureJourney();
const lines = priceMonth(journey);
const total = lines.reduce((sum, line) => sum + line.usd, 0);
// One secret per producer shop dominates the month: show what everything else costs beside it.
const secretsHeld = lines.find((line) => line.item === secretsHeldItem)?.usd ?? 0;
const quantity = (value: number) => (value >= 100 ? formatInteger(value) : value.toFixed(2));

console.log('## Cost per 10,000 products per month\n');
console.log(
  markdownTable(
    ['line item', 'quantity', 'unit', 'USD / month', 'share'],
    [
      ...[...lines]
        .sort((a, b) => b.usd - a.usd)
        .map((line) => [
          line.item,
          quantity(line.quantity),
          line.unit,
          line.usd.toFixed(2),
          `${((100 * line.usd) / total).toFixed(1)}%`,
        ]),
      ['**total**', '', '', `**${total.toFixed(2)}**`, '100%'],
      ['total without the per-shop secrets', '', '', (total - secretsHeld).toFixed(2), ''],
    ],
  ),
);
console.log('\nMeasured steps and how often each happens a month:\n');
console.log(
  markdownTable(
    ['step', 'per month', 'DynamoDB requests', 'RRU', 'WRU', 'events put', 'SQS records', 'secret calls'],
    journey.steps.map((step) => [
      journeySteps[step.step],
      formatInteger(stepsPerMonth[step.step]),
      String(step.counts.byDestination.get('DynamoDB') ?? 0),
      String(step.counts.readUnits),
      String(step.counts.writeUnits),
      String(step.busEntries),
      String(step.routes.reduce((sum, route) => sum + route.records, 0)),
      String(step.counts.localSecretReads + step.counts.localSecretWrites),
    ]),
  ),
);
console.log('\nAssumptions:\n');
for (const assumption of monthAssumptions()) console.log(`- ${assumption}`);
console.log('\nPrices (ap-southeast-1, USD; `found` = read on the page cited, `assumed` = stated figure):\n');
console.log(
  markdownTable(
    ['price', 'USD', 'per', 'status', 'source'],
    Object.entries(prices).map(([name, price]) => [
      name,
      price.usd >= 0.01 ? `$${price.usd}` : `$${Number((price.usd * 1e6).toPrecision(6))} per 1M`,
      price.per,
      price.status,
      price.source,
    ]),
  ),
);
console.log(`\nMachine: ${describeMachine()}.`);
