/** A JSON value as CloudFormation templates contain them. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const assetHash = /^[a-f0-9]{64}(\.zip)?$/;

/**
 * Replaces what changes without the infrastructure changing (asset hashes: any edit of a handler's code
 * changes them) so a snapshot only moves when resources or their settings do.
 */
export function normalizeTemplate(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalizeTemplate);
  if (typeof value === 'string')
    return assetHash.test(value) ? value.replace(/^[a-f0-9]{64}/, '<asset-hash>') : value;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, normalizeTemplate(child)]));
}
