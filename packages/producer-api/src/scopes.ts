/** What a token may do. Every route names exactly one; `operator` callers hold all of them. */
export const scopes = [
  'producer:read',
  'producer:write',
  'shops:connect',
  'webhooks:manage',
  'area:read',
  'operator',
] as const;
export type Scope = (typeof scopes)[number];

/** A route that takes no token (the marketplaces' OAuth callback) authenticates by other means, e.g. a signed state. */
export type RouteScope = Scope | 'public';

/** Who the caller is, from the `cognito:groups` claim. */
export const roles = ['producer', 'district-official', 'provincial-official', 'operator'] as const;
export type Role = (typeof roles)[number];

/**
 * Scopes follow from the role, never from the token's own `scope` claim alone: a producer token with an
 * extra scope in it still cannot read an area. Producers are further bound to their own producer id and
 * officials to their own province/district (see `authorise`).
 */
export const roleScopes: Readonly<Record<Role, readonly Scope[]>> = {
  producer: ['producer:read', 'producer:write', 'shops:connect', 'webhooks:manage'],
  'district-official': ['area:read'],
  'provincial-official': ['area:read'],
  operator: scopes,
};

/** The authenticated caller of a request, built from a verified JWT. */
export interface Caller {
  /** The token's `sub` (stable per user; the rate-limit key). */
  readonly subject: string;
  readonly role: Role;
  readonly scopes: readonly Scope[];
  /** Producers only: the one producer they act for (`custom:producer_id`). */
  readonly producerId?: string;
  /** Officials: their province (`custom:province`), and district officials their district (`custom:district`). */
  readonly province?: string;
  readonly district?: string;
}

export const hasScope = (caller: Caller, scope: Scope): boolean =>
  caller.scopes.includes(scope) || caller.scopes.includes('operator');
