import { parseCliArgs, USAGE } from './cli-args.js';
import { startSandbox } from './start-sandbox.js';

/** `npm run sandbox -- shopee --port 0`: prints the URL, app credentials and a ready shop; runs until Ctrl-C. */
async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { kind, port, host, seed, tokenTtlSeconds, shopName, callbackUrl } = parsed.args;
  const sandbox = await startSandbox(kind, {
    port,
    host,
    seed,
    ...(tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds }),
    ...(callbackUrl === undefined ? {} : { callbackUrl }),
  });
  const shop = await sandbox.createShop({ name: shopName });
  console.log(`${kind} sandbox listening on ${sandbox.url}`);
  console.log(
    JSON.stringify(
      { kind, url: sandbox.url, app: sandbox.app, shop, control: `${sandbox.url}/__sandbox` },
      null,
      2,
    ),
  );
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
