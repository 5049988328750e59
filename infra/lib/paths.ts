import { fileURLToPath } from 'node:url';

/** The repository root: the npm workspace whose lock file and tsconfig the bundler uses. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A handler's entry: `functions/<handler>/handler.ts`, exporting `handler`. */
export const handlerEntry = (handler: string): string =>
  fileURLToPath(new URL(`../../functions/${handler}/handler.ts`, import.meta.url));
