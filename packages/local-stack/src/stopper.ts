/** Something the stack started, with how to stop it. */
export interface Stopper {
  readonly name: string;
  stop(): Promise<void>;
}

/**
 * Stops everything in reverse start order (mappings before queues, queues before servers, the JVM last),
 * carrying on past a failure so nothing is left running, then reports the failures together.
 */
export async function stopAll(stoppers: Stopper[]): Promise<void> {
  const failures: string[] = [];
  for (const stopper of stoppers.splice(0).reverse()) {
    try {
      await stopper.stop();
    } catch (error) {
      failures.push(`${stopper.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`could not stop cleanly: ${failures.join('; ')}`);
}
