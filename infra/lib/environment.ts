/** Function environment variables, merged layer by layer. */
export type Environment = Readonly<Record<string, string>>;

/**
 * Merges environment layers. A later layer may add keys but never silently replace one an earlier layer
 * set to a different value: that would be a route overriding, say, the ledger's table name by accident.
 */
export function mergeEnvironments(...layers: readonly Environment[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const existing = merged[key];
      if (existing !== undefined && existing !== value) {
        throw new Error(`environment key ${key} is set twice ("${existing}", then "${value}")`);
      }
      merged[key] = value;
    }
  }
  return merged;
}
