import type { ApiRoute } from '../route.js';
import { areaRoutes } from './area.js';
import { productRoutes } from './products.js';
import { shopRoutes } from './shops.js';
import { deliveryRoutes } from './webhook-deliveries.js';
import { endpointRoutes } from './webhook-endpoints.js';

/** Every route of the API: the handler serves these, the OpenAPI file and the authorisation test read them. */
export const apiRoutes: readonly ApiRoute[] = [
  ...productRoutes,
  ...endpointRoutes,
  ...deliveryRoutes,
  ...areaRoutes,
  ...shopRoutes,
];
