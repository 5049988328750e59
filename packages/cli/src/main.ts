import { buildProgram } from './program.js';

const program = buildProgram({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
});

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`ocop-sync: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
