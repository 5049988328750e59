import { DEV_ISSUER_FILE, writeDevIssuerFile } from '@ocop-sync/producer-api';
import { parseCliArgs, usage } from './cli-args.js';
import { runDemoScenario } from './demo-scenario.js';
import { ENDPOINTS_FILE, writeEndpointsFile } from './endpoints-file.js';
import { formatSummary } from './format-summary.js';
import { type LocalStack, startLocalStack } from './local-stack.js';
import { startProducerReceiver } from './producer-receiver.js';

/** Locally, a failed record is retried after this many seconds instead of the 180 s visibility timeout. */
const LOCAL_RETRY_DELAY_SECONDS = 1;

function describe(stack: LocalStack): string {
  const { endpoints } = stack;
  return [
    'OCOP sync local stack is running:',
    `  EventBridge bus "${stack.environment.EVENT_BUS_NAME}": ${endpoints.eventBridge}`,
    `    aws events put-events --endpoint-url ${endpoints.eventBridge} --region ap-southeast-1 --entries file://entry.json`,
    `  DynamoDB Local:   ${endpoints.dynamodb} (table ${stack.tableName})`,
    `  SQS endpoint:     ${endpoints.sqs}`,
    `  HTTP API:         ${endpoints.http} (marketplace pushes: POST /webhooks/shopee|lazada|postmart)`,
    `  Producer API:     ${endpoints.http}/v1/... with a token from \`npx ocop-sync dev-token --role producer --producer <id>\``,
    `  Token issuer:     ${stack.devIssuer.issuer} (JWKS ${stack.devIssuer.jwksUrl})`,
    `  Shopee sandbox:   ${endpoints.sandboxes.shopee}`,
    `  Lazada sandbox:   ${endpoints.sandboxes.lazada}`,
    `  Postmart sandbox: ${endpoints.sandboxes.postmart}`,
    `  Queues: ${stack.routes.map((running) => running.route.name).join(', ')} (each with a -dlq)`,
    `  Failed records are retried after ${LOCAL_RETRY_DELAY_SECONDS} s locally (AWS: after the visibility timeout).`,
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const stack = await startLocalStack({
    retryDelaySeconds: LOCAL_RETRY_DELAY_SECONDS,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  if (options.once) {
    try {
      const summary = await runDemoScenario(stack);
      process.stdout.write(`${formatSummary(summary)}\n`);
      return 0;
    } finally {
      await stack.stop();
    }
  }
  // The receiver outlives the demo: producers' webhooks keep arriving while you publish your own events.
  const receiver = await startProducerReceiver();
  if (!options.noDemo) {
    const summary = await runDemoScenario(stack, { receiver });
    process.stdout.write(`${formatSummary(summary)}\n`);
  }
  // `ocop-sync --local` finds the running stack through this file.
  const removeEndpointsFile = writeEndpointsFile(stack);
  // `ocop-sync dev-token` signs local tokens with the issuer's key from this file.
  const removeDevIssuerFile = writeDevIssuerFile(stack.devIssuer.key);
  process.stdout.write(
    `${describe(stack)}\n  Endpoints for \`ocop-sync --local\`: ${ENDPOINTS_FILE}; token key: ${DEV_ISSUER_FILE}\n`,
  );
  await new Promise<void>((resolve) => {
    // The entry point owns the signals: DynamoDB Local's own hook would SIGKILL the JVM and exit at once,
    // before the servers close. Its exit hook stays as the safety net; a second Ctrl-C forces the exit.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => {
        process.once(signal, () => process.exit(130));
        resolve();
      });
    }
  });
  process.stderr.write('Stopping…\n');
  removeEndpointsFile();
  removeDevIssuerFile();
  await receiver.close();
  await stack.stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `local stack failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
