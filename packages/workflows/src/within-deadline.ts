/**
 * Working a queue batch against the function's deadline: start nothing after it, and stop waiting at it, so the
 * invocation answers (reporting what is unfinished as failed) instead of timing out with the whole batch.
 */

/** Runs `work` for indexes 0..count-1, at most `limit` at once, starting none after `deadline` (epoch ms). */
export async function forEachConcurrently(
  count: number,
  limit: number,
  deadline: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}

/**
 * Resolves when `work` does or at `deadline`, whichever is first. Work still running then goes on in the
 * background (Lambda freezes it with the environment); the caller reports it failed, so it comes back.
 */
export async function untilDeadline(work: Promise<void>, deadline: number): Promise<void> {
  if (deadline === Number.POSITIVE_INFINITY) return work;
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
  }
}
