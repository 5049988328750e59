import { ledgerTable } from '@ocop-sync/ledger/table-definition';
import type { HandlerName } from '@ocop-sync/routing';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { LedgerTable } from './ledger-table.js';
import type { IntentGrant } from './ocop-function.js';
import type { SyncSecrets } from './secrets.js';

/** What a function may do, named by intent. */
export type Permission =
  | 'ledger-read'
  | 'ledger-read-write'
  | 'claim-rate-permits'
  | 'publish-events'
  | 'read-marketplace-app-secret'
  | 'read-write-shop-tokens'
  | 'delete-shop-tokens'
  | 'read-write-webhook-secrets'
  | 'read-shop-connect-state-secret';

/** Least privilege per handler. A new handler does not compile until it is listed here. */
export const handlerPermissions: Readonly<Record<HandlerName, readonly Permission[]>> = {
  certification: ['ledger-read-write', 'publish-events'],
  'listing-sync': [
    'ledger-read-write',
    'publish-events',
    'read-marketplace-app-secret',
    'read-write-shop-tokens',
  ],
  'stock-sync': [
    'ledger-read-write',
    'publish-events',
    'read-marketplace-app-secret',
    'read-write-shop-tokens',
  ],
  'stock-ledger': ['ledger-read-write', 'publish-events'],
  'producer-notifier': ['ledger-read-write', 'publish-events', 'read-write-webhook-secrets'],
  // The notifier's retries on a clock: the same deliveries, endpoints and secrets.
  'webhook-retry-sweep': ['ledger-read-write', 'publish-events', 'read-write-webhook-secrets'],
  // Reads the expiry index and publishes what it finds; the certification function acts on it.
  'certification-sweep': ['ledger-read', 'publish-events'],
  // Verifies pushes with the apps' keys; reads a thin order push's lines with the shop's account (shop →
  // producer → account from the ledger, read only; the shop's tokens, which a refresh rewrites), then publishes.
  // Its only ledger writes are the permits that marketplace call claims under the app's shared rate limit.
  'marketplace-webhook': [
    'ledger-read',
    'claim-rate-permits',
    'publish-events',
    'read-marketplace-app-secret',
    'read-write-shop-tokens',
  ],
  // Reads back listings with each shop's account (a refresh writes the new token pair back), corrects drift
  // in the ledger and publishes ListingDriftDetected and the re-push requests.
  reconciliation: [
    'ledger-read-write',
    'publish-events',
    'read-marketplace-app-secret',
    'read-write-shop-tokens',
  ],
  // Connects shops (exchanges the code with the apps' keys, creates the shop's token secret; on disconnect
  // revokes the grant and deletes that secret), manages webhook endpoints and their secrets, signs and checks
  // OAuth `state`, publishes ProducerChannelsLinked. It verifies callers' JWTs itself (see ProducerIdentity),
  // so no Cognito rights. The only function that may delete a secret, and only a shop's tokens.
  'producer-api': [
    'ledger-read-write',
    'publish-events',
    'read-marketplace-app-secret',
    'read-write-shop-tokens',
    'delete-shop-tokens',
    'read-write-webhook-secrets',
    'read-shop-connect-state-secret',
  ],
};

export interface PermissionTargets {
  readonly ledger: LedgerTable;
  readonly eventBus: IEventBus;
  readonly secrets: SyncSecrets;
}

/** The grants behind each permission. */
export function intentGrants(targets: PermissionTargets): Readonly<Record<Permission, IntentGrant>> {
  const { ledger, eventBus, secrets } = targets;
  const intent = (name: Permission, grant: IntentGrant['grant']): IntentGrant => ({ intent: name, grant });
  return {
    'ledger-read': intent('ledger-read', (grantee) => ledger.grantRead(grantee)),
    'ledger-read-write': intent('ledger-read-write', (grantee) => ledger.grantReadWrite(grantee)),
    'claim-rate-permits': intent('claim-rate-permits', (grantee) =>
      ledger.grantUpdateItemsUnder(grantee, ledgerTable.ratePermitsPrefix),
    ),
    'publish-events': intent('publish-events', (grantee) => eventBus.grantPutEventsTo(grantee)),
    'read-marketplace-app-secret': intent('read-marketplace-app-secret', (grantee) =>
      secrets.grantReadMarketplaceApps(grantee),
    ),
    'read-write-shop-tokens': intent('read-write-shop-tokens', (grantee) =>
      secrets.grantReadWriteShopTokens(grantee),
    ),
    'delete-shop-tokens': intent('delete-shop-tokens', (grantee) => secrets.grantDeleteShopTokens(grantee)),
    'read-write-webhook-secrets': intent('read-write-webhook-secrets', (grantee) =>
      secrets.grantReadWriteWebhookSecrets(grantee),
    ),
    'read-shop-connect-state-secret': intent('read-shop-connect-state-secret', (grantee) =>
      secrets.grantReadShopConnectState(grantee),
    ),
  };
}

/** The grants of one handler. */
export const grantsFor = (
  handler: HandlerName,
  grants: Readonly<Record<Permission, IntentGrant>>,
): IntentGrant[] => handlerPermissions[handler].map((permission) => grants[permission]);
