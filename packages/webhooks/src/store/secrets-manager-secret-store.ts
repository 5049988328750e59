import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { DEFAULT_WEBHOOK_SECRET_PREFIX } from '../constants.js';
import { WebhooksError } from '../errors.js';
import type { EndpointRef, SecretStore } from '../types.js';
import { secretsItem } from './items.js';
import { liveSecrets, rotatedList, type StoredSecret } from './secret-list.js';

export interface SecretsManagerSecretStoreConfig {
  client: SecretsManagerClient;
  /** Name prefix of the endpoint secrets, ending in `/`; the IAM policy grants exactly `<prefix>*`. */
  namePrefix?: string;
}

/** Secret names allow letters, digits and `/_+=.@-` (Secrets Manager API reference, CreateSecret `Name`). */
const NAME_SEGMENT = /^[A-Za-z0-9_+=.@-]{1,128}$/;
const CURRENT = 'AWSCURRENT';
/** The stage a new list waits in until the compare-and-swap below makes it current. */
const PENDING = 'AWSPENDING';

/**
 * Endpoint secrets in AWS Secrets Manager: one secret per endpoint, `<prefix><producerId>/<endpointId>`,
 * whose value is the same JSON list the ledger store keeps (`{ "secrets": [{ secret, createdAt, notAfter? }] }`),
 * so rotation overlaps behave the same. Values are never logged nor put in error messages.
 *
 * Secrets Manager has no conditional put, so a change is a compare-and-swap on the AWSCURRENT label: the new
 * list is stored as an AWSPENDING version, then AWSCURRENT is moved to it only from the version that was read
 * (`UpdateSecretVersionStage` with `RemoveFromVersionId` fails when another writer moved it first). The
 * version that was current becomes AWSPREVIOUS.
 *
 * @example
 * const secrets = createSecretsManagerSecretStore({ client: clients.secretsManager, namePrefix: 'ocop-sync/webhooks/' });
 */
export function createSecretsManagerSecretStore(config: SecretsManagerSecretStoreConfig): SecretStore {
  const { client } = config;
  const prefix = config.namePrefix ?? DEFAULT_WEBHOOK_SECRET_PREFIX;
  const nameOf = (ref: EndpointRef) => secretName(prefix, ref);

  async function read(ref: EndpointRef): Promise<{ secrets: StoredSecret[]; versionId: string | undefined }> {
    try {
      const output = await client.send(new GetSecretValueCommand({ SecretId: nameOf(ref) }));
      if (output.SecretString === undefined) return { secrets: [], versionId: output.VersionId };
      return {
        secrets: secretsItem.parse(JSON.parse(output.SecretString)).secrets,
        versionId: output.VersionId,
      };
    } catch (error) {
      if (isAws(error, 'ResourceNotFoundException')) return { secrets: [], versionId: undefined };
      throw error;
    }
  }

  async function write(
    ref: EndpointRef,
    secrets: StoredSecret[],
    readVersion: string | undefined,
  ): Promise<void> {
    const SecretString = JSON.stringify({ secrets });
    const concurrently = (error: unknown) =>
      new WebhooksError(`secrets of endpoint ${ref.endpointId} changed concurrently; retry`, {
        cause: error,
      });
    if (readVersion === undefined) {
      try {
        await client.send(
          new CreateSecretCommand({
            Name: nameOf(ref),
            SecretString,
            Description: `Webhook signing secrets of endpoint ${ref.endpointId} (producer ${ref.producerId})`,
          }),
        );
      } catch (error) {
        throw isAws(error, 'ResourceExistsException') ? concurrently(error) : error;
      }
      return;
    }
    const pending = await client.send(
      new PutSecretValueCommand({ SecretId: nameOf(ref), SecretString, VersionStages: [PENDING] }),
    );
    try {
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: nameOf(ref),
          VersionStage: CURRENT,
          MoveToVersionId: pending.VersionId,
          RemoveFromVersionId: readVersion,
        }),
      );
    } catch (error) {
      // AWSCURRENT is no longer on the version read: another writer got there first.
      throw isAws(error, 'InvalidParameterException') ? concurrently(error) : error;
    }
  }

  return {
    async create(ref, secret, now) {
      await write(ref, [{ secret, createdAt: now.toISOString() }], undefined);
    },

    async rotate(ref, secret, now, overlapUntil) {
      const { secrets, versionId } = await read(ref);
      await write(ref, rotatedList(secrets, secret, now, overlapUntil), versionId);
    },

    async finishRotation(ref) {
      const { secrets, versionId } = await read(ref);
      if (versionId === undefined || secrets.length <= 1) return;
      await write(ref, secrets.slice(0, 1), versionId);
    },

    /** At once, without a recovery window: a removed endpoint's secrets must stop existing, as in the ledger store. */
    async remove(ref) {
      try {
        await client.send(
          new DeleteSecretCommand({ SecretId: nameOf(ref), ForceDeleteWithoutRecovery: true }),
        );
      } catch (error) {
        if (!isAws(error, 'ResourceNotFoundException')) throw error;
      }
    },

    async signingSecrets(ref, now) {
      const { secrets } = await read(ref);
      return liveSecrets(secrets, now);
    },
  };
}

/** `<prefix><producerId>/<endpointId>`; an id that is not a valid name segment is a bug upstream. */
export function secretName(prefix: string, ref: EndpointRef): string {
  for (const id of [ref.producerId, ref.endpointId]) {
    if (!NAME_SEGMENT.test(id))
      throw new WebhooksError(`id ${JSON.stringify(id)} cannot be part of a secret name`);
  }
  return `${prefix}${ref.producerId}/${ref.endpointId}`;
}

/** By name, as the SDK's exception classes are (works across SDK copies, unlike `instanceof`). */
const isAws = (error: unknown, name: string) => error instanceof Error && error.name === name;
