import { Command, InvalidArgumentError, Option } from 'commander';
import { readCoverage } from './coverage/coverage-command.js';
import { type CoverageFormat, coverageFormats, formatCoverage } from './coverage/coverage-format.js';
import { registerDevTokenCommand } from './dev-token/dev-token-command.js';
import { importCouncilDecision } from './import/import-command.js';
import { findDeadLetter, listDeadLetters, redriveDeadLetters } from './queues/dlq-commands.js';
import { formatParkedList, formatParkedMessage } from './queues/queue-format.js';
import { readQueueStatus } from './queues/queue-status.js';
import { readReconciliationStatus } from './reconciliation/reconciliation-status.js';
import { startReplay } from './replay/replay-command.js';
import { formatSystemStatus, type StatusFormat, statusFormats } from './status-format.js';
import { type Clients, createClients } from './target/clients.js';
import { awsTarget, readLocalTarget, type Target } from './target/target.js';

export interface ProgramIo {
  out(text: string): void;
  err(text: string): void;
  /** Where `--local` looks for `.ocop-sync/local-stack.json`. */
  cwd: string;
  /** A progress bar needs a terminal. */
  interactive: boolean;
}

interface GlobalOptions {
  local?: boolean;
  stage?: string;
  region?: string;
  eventBus?: string;
  table?: string;
}

const isoInstant = (value: string): Date => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('must be an ISO date-time, e.g. 2024-11-14T09:00:00+07:00');
  return date;
};

/**
 * The commander glue: each action resolves the target, builds the SDK clients, calls one plain function
 * and prints its result. `process.exitCode` is set, never `process.exit`, so pending output is flushed.
 */
export function buildProgram(io: ProgramIo): Command {
  const program = new Command('ocop-sync')
    .description('OCOP sync operator tool: import council decisions, coverage, dead letters, replay, status')
    .option('--local', 'use the local stack started with `npm start` (.ocop-sync/local-stack.json)')
    .option(
      '--stage <stage>',
      'deployed stage: names ocop-sync-<stage>-… (env OCOP_SYNC_STAGE, default prod)',
    )
    .option('--region <region>', 'AWS region (default: the SDK chain, AWS_REGION)')
    .option('--event-bus <name>', 'event bus name (env OCOP_SYNC_EVENT_BUS, default ocop-sync-<stage>)')
    .option('--table <name>', 'ledger table: stack output LedgerTableName (env OCOP_SYNC_LEDGER_TABLE)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  const withContext = async <T>(
    run: (context: { target: Target; clients: Clients }) => Promise<T>,
  ): Promise<T> => {
    const options = program.opts<GlobalOptions>();
    const target = options.local ? readLocalTarget(io.cwd) : awsTarget(options);
    const clients = createClients(target);
    try {
      return await run({ target, clients });
    } finally {
      clients.destroy();
    }
  };
  const line = (text: string) => io.out(`${text}\n`);

  program
    .command('import')
    .description('publish a council decision (.csv or .xlsx): one ProductCertified per row')
    .argument('<file>', 'council decision sheet (see templates/council-decision-template.xlsx)')
    .option('--skip-invalid', 'publish the valid rows even if some rows are bad')
    .option('--dry-run', 'validate and report only; publish nothing')
    .action(async (file: string, options: { skipInvalid?: boolean; dryRun?: boolean }) => {
      const result = await withContext((context) =>
        importCouncilDecision(file, context, { ...options, progress: io.interactive, out: line }),
      );
      const failed =
        result.outcome === 'refused' || (result.outcome === 'published' && result.report.failed.length > 0);
      if (failed) process.exitCode = 1;
    });

  program
    .command('coverage')
    .description('certified products, producers and the share selling online, per province and district')
    .option('--province <name>', 'only this province (any case or Unicode form)')
    .addOption(new Option('--format <format>', 'output format').choices(coverageFormats).default('table'))
    .action(async (options: { province?: string; format: CoverageFormat }) => {
      const lines = await withContext((context) => readCoverage(context, { province: options.province }));
      line(
        lines.length === 0
          ? 'Không có sản phẩm / no certified products'
          : formatCoverage(lines, options.format),
      );
    });

  const dlq = program.command('dlq').description('dead-letter queues: what is parked, why, and send it back');
  dlq
    .command('list')
    .option('--queue <route>', 'one route, e.g. certification or listing-sync-shopee')
    .action(async (options: { queue?: string }) => {
      const queues = await withContext((context) => listDeadLetters(context, options.queue));
      for (const { queueName, messages } of queues) line(formatParkedList(queueName, messages));
    });
  dlq
    .command('show')
    .argument('<id>', 'message id (or its beginning) from `dlq list`')
    .option('--queue <route>', 'look only in this route’s DLQ')
    .action(async (id: string, options: { queue?: string }) => {
      const found = await withContext((context) => findDeadLetter(context, id, options.queue));
      if (!found) {
        line(`Không thấy / not found: ${id}`);
        process.exitCode = 1;
        return;
      }
      line(formatParkedMessage(found.queueName, found.message));
    });
  dlq
    .command('redrive')
    .option('--queue <route>', 'only this route’s DLQ (all when omitted)')
    .option('--id <ids...>', 'only these message ids')
    .action(async (options: { queue?: string; id?: string[] }) => {
      const results = await withContext((context) =>
        redriveDeadLetters(context, { queue: options.queue, messageIds: options.id }),
      );
      if (results.length === 0) line('Không có gì để gửi lại / nothing parked');
      for (const { queueName, report } of results) {
        line(`${queueName}-dlq → ${queueName}: ${report.moved} gửi lại / redriven`);
      }
    });

  program
    .command('replay')
    .description('replay archived events from the bus archive (EventBridge StartReplay)')
    .requiredOption('--from <iso>', 'start of the window (inclusive)', isoInstant)
    .requiredOption('--to <iso>', 'end of the window (exclusive)', isoInstant)
    .option('--rule <route...>', 'only to these rules (route names, e.g. certification)')
    .option('--no-wait', 'return after StartReplay instead of waiting for the replay to end')
    .action(async (options: { from: Date; to: Date; rule?: string[]; wait: boolean }) => {
      const outcome = await withContext((context) =>
        startReplay(context, {
          from: options.from,
          to: options.to,
          rules: options.rule ?? [],
          wait: options.wait,
        }),
      );
      line(
        `Replay ${outcome.replayName}: ${outcome.state}${outcome.stateReason ? ` (${outcome.stateReason})` : ''}`,
      );
      if (outcome.state === 'FAILED') process.exitCode = 1;
    });

  program
    .command('status')
    .description(
      'per queue (per channel): depth, in flight, oldest message, DLQ depth and last errors; then the last ' +
        'reconciliation per channel (checked, in sync, corrected, needs a human) and the listings to look at',
    )
    .addOption(new Option('--format <format>', 'output format').choices(statusFormats).default('table'))
    .action(async (options: { format: StatusFormat }) => {
      const status = await withContext(async (context) => ({
        queues: await readQueueStatus(context),
        reconciliation: await readReconciliationStatus(context),
      }));
      line(formatSystemStatus(status, options.format, new Date()));
    });

  registerDevTokenCommand(program, io);

  return program;
}
