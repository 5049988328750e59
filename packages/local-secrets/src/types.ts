import { z } from 'zod';

/** One version of a secret as kept (and persisted). Dates are epoch milliseconds. */
export const storedVersionSchema = z.object({
  versionId: z.string(),
  secretString: z.string().optional(),
  /** Base64, as it travels on the wire. */
  secretBinary: z.string().optional(),
  stages: z.array(z.string()),
  createdAt: z.number(),
});
export type StoredVersion = z.infer<typeof storedVersionSchema>;

export const storedSecretSchema = z.object({
  arn: z.string(),
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  createdAt: z.number(),
  lastChangedAt: z.number(),
  lastAccessedAt: z.number().optional(),
  /** Set while the secret waits out its recovery window; reads are refused. */
  deletedAt: z.number().optional(),
  deletionDueAt: z.number().optional(),
  /** Oldest first. */
  versions: z.array(storedVersionSchema),
});
export type StoredSecret = z.infer<typeof storedSecretSchema>;

export const storedStateSchema = z.object({ secrets: z.array(storedSecretSchema) });

export interface LocalSecretsOptions {
  /** Keeps the secrets in `<dataDir>/secrets.json` (encrypted), rewritten after every change. In memory when absent. */
  dataDir?: string;
  /**
   * The 32-byte AES-256-GCM key of the data file; by default `OCOP_LOCAL_SECRETS_KEY` (64 hex digits or
   * base64), else a key file made next to the data dir (`<dataDir>.key`, mode 0600).
   */
  encryptionKey?: Uint8Array;
  region?: string;
  accountId?: string;
  /** The clock of recovery windows and dates; tests move it by hand. */
  now?: () => Date;
}

export interface SecretsManagerServerOptions extends LocalSecretsOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface SecretsManagerServer {
  /** The endpoint to give the SDK client (`new SecretsManagerClient({ endpoint: url })`). */
  url: string;
  close(): Promise<void>;
}
