import { normalizeText } from '@ocop-sync/domain';
import { forbidden } from './problems.js';
import type { ApiRoute } from './route.js';
import { type Caller, hasScope } from './scopes.js';

/**
 * Scope first, then reach. Reach is read from the route's own path: `{producerId}` must be the producer's
 * own id, `{province}`/`{district}` the official's own area. It fails closed: a producer may only use routes
 * that name a producer, an official only routes that name a province (a district official also its
 * district). Refusals are 403 whether or not the other producer exists, so ids cannot be probed.
 */
export function authorise(route: ApiRoute, caller: Caller, params: Readonly<Record<string, string>>): void {
  if (route.scope === 'public') return;
  if (!hasScope(caller, route.scope)) throw forbidden(`This route needs the ${route.scope} scope.`);
  switch (caller.role) {
    case 'operator':
      return;
    case 'producer':
      if (params.producerId === undefined || params.producerId !== caller.producerId)
        throw forbidden("A producer may only use its own producer's routes.");
      return;
    case 'provincial-official':
      if (!sameArea(params.province, caller.province))
        throw forbidden('An official may only read their own province.');
      return;
    case 'district-official':
      if (!sameArea(params.province, caller.province) || !sameArea(params.district, caller.district))
        throw forbidden('A district official may only read their own district.');
      return;
  }
}

/** Area names are Vietnamese text: compared after NFC normalisation, as the ledger stores them. */
const sameArea = (requested: string | undefined, own: string | undefined): boolean =>
  requested !== undefined && own !== undefined && normalizeText(requested) === normalizeText(own);
