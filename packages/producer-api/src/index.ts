export { type ApiHandler, createApiHandler } from './api-handler.js';
export {
  createDevIssuerKey,
  DEV_AUDIENCE,
  type DevIssuer,
  type DevIssuerKey,
  type DevTokenClaims,
  devIssuerKey,
  mintDevToken,
  startDevIssuer,
} from './auth/dev-issuer.js';
export {
  DEV_ISSUER_FILE,
  DevIssuerNotRunningError,
  readDevIssuerFile,
  writeDevIssuerFile,
} from './auth/dev-issuer-file.js';
export { type Authenticator, createTokenVerifier, type TokenVerifierOptions } from './auth/token-verifier.js';
export { authorise } from './authorise.js';
export { type ApiConfig, apiEnvironment, loadApiConfig } from './config.js';
export { MAX_BODY_BYTES } from './constants.js';
export { type ApiDepsOptions, createApiDeps } from './create-deps.js';
export type { ApiDeps, ApiLogger } from './deps.js';
export { buildOpenApiDocument, openApiText } from './openapi.js';
export {
  ApiProblem,
  badRequest,
  conflict,
  type FieldIssue,
  forbidden,
  notFound,
  problemResponse,
  unauthorized,
} from './problems.js';
export { createRateLimiter, type RateLimitDecision, type RateLimiter } from './rate-limiter.js';
export {
  type ApiRequest,
  type ApiRoute,
  defineRoute,
  type HttpMethod,
  httpMethods,
  Reply,
  type RouteContext,
  type RouteDefinition,
  reply,
} from './route.js';
export { matchRoute } from './router.js';
export { apiRoutes } from './routes/index.js';
export {
  type Caller,
  hasScope,
  type Role,
  type RouteScope,
  roleScopes,
  roles,
  type Scope,
  scopes,
} from './scopes.js';
