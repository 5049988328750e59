/** A simple task list on stderr: `[ ]` pending, `[~]` running, `[x]` done, `[!]` failed. */
export interface Progress {
  run<T>(title: string, task: () => Promise<T>, describe?: (result: T) => string): Promise<T>;
}

export function createProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Progress {
  let step = 0;
  return {
    async run(title, task, describe) {
      step += 1;
      const label = `${String(step).padStart(2)}. ${title}`;
      const startedAt = Date.now();
      write(`[~] ${label} …`);
      try {
        const result = await task();
        const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
        write(`[x] ${label}${describe ? `: ${describe(result)}` : ''} (${seconds} s)`);
        return result;
      } catch (error) {
        write(`[!] ${label}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    },
  };
}

/** For quiet runs and tests. */
export const silentProgress: Progress = createProgress(() => {});
