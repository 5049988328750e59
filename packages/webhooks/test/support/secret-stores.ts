import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import { createTestLedgerTable } from '@ocop-sync/test-support';
import { createLedgerSecretStore } from '../../src/store/ledger-secret-store.js';
import { createSecretsManagerSecretStore } from '../../src/store/secrets-manager-secret-store.js';
import type { SecretStore } from '../../src/types.js';

export interface StartedSecretStore {
  store: SecretStore;
  /** The Secrets Manager client behind the store, when there is one (to look at what was stored). */
  secretsManager?: SecretsManagerClient;
  close(): Promise<void>;
}

export const WEBHOOK_SECRET_PREFIX = 'ocop-sync/webhooks/';

/** Every `SecretStore`, each over its real backing part: the contract runs against all of them. */
export const secretStoreImplementations: { name: string; start: () => Promise<StartedSecretStore> }[] = [
  {
    name: 'ledger table (DynamoDB Local)',
    async start() {
      const table = await createTestLedgerTable('webhook-secrets');
      return {
        store: createLedgerSecretStore({ client: table.client, tableName: table.tableName }),
        close: () => table.drop(),
      };
    },
  },
  {
    name: 'Secrets Manager (local-secrets over HTTP)',
    async start() {
      const server = await startSecretsManagerServer({ port: 0 });
      const client = new SecretsManagerClient({
        endpoint: server.url,
        region: 'ap-southeast-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      return {
        store: createSecretsManagerSecretStore({ client, namePrefix: WEBHOOK_SECRET_PREFIX }),
        secretsManager: client,
        close: async () => {
          client.destroy();
          await server.close();
        },
      };
    },
  },
];
