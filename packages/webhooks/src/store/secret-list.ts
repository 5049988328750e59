import type { z } from 'zod';
import type { secretsItem } from './items.js';

/** One signing secret as every `SecretStore` keeps it: newest first, `notAfter` once a newer one replaced it. */
export type StoredSecret = z.infer<typeof secretsItem>['secrets'][number];

export const isLive = (entry: StoredSecret, now: Date) =>
  entry.notAfter === undefined || Date.parse(entry.notAfter) > now.getTime();

const earliest = (current: string | undefined, candidate: string) =>
  current !== undefined && current < candidate ? current : candidate;

/** The list after a rotation: the new secret first; live older ones sign until `overlapUntil` (or earlier). */
export function rotatedList(
  secrets: readonly StoredSecret[],
  secret: string,
  now: Date,
  overlapUntil: Date,
): StoredSecret[] {
  const live = secrets
    .filter((entry) => isLive(entry, now))
    .map((entry) => ({ ...entry, notAfter: earliest(entry.notAfter, overlapUntil.toISOString()) }));
  return [{ secret, createdAt: now.toISOString() }, ...live];
}

/** What signs at `now`: the live secrets, newest first. */
export const liveSecrets = (secrets: readonly StoredSecret[], now: Date): string[] =>
  secrets.filter((entry) => isLive(entry, now)).map((entry) => entry.secret);
