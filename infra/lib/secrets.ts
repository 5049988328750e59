import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';

/** Read, update and create a secret's value (a token refresh or a rotation writes a new version). */
const SECRET_READ_WRITE = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:CreateSecret',
] as const;

/**
 * Why a secret grant ends in `*`: these secrets are one per producer shop or endpoint, named by the flows
 * that create them after deployment, and Secrets Manager appends a random six-character suffix to every
 * secret ARN. The wildcard never reaches beyond the name prefix.
 */
const perProducerSecretsReason = (kind: string) =>
  `Per-producer ${kind} secrets are created at run time, one per shop or endpoint, under a fixed name ` +
  'prefix; Secrets Manager suffixes each ARN with 6 random characters, so the prefix needs "*".';

export interface SyncSecretsProps {
  /** First name segment of every secret, e.g. `ocop-sync`. */
  readonly prefix: string;
}

/**
 * Where credentials live, by name. The stack creates the marketplace apps' secret (its value is set by an
 * operator after deploying, never in the template); shop tokens and producer webhook secrets are one secret
 * each, created at run time by the shop-connection and endpoint-registration flows under fixed prefixes.
 */
export class SyncSecrets extends Construct {
  /** Partner ids and keys of the marketplace apps (JSON), read by the functions that call or verify them. */
  readonly marketplaceApps: Secret;
  /** Its name, as the functions look it up (a literal, not a reference parsed out of the ARN). */
  readonly marketplaceAppsName: string;
  /** Name prefix of the per-shop OAuth token secrets, e.g. `ocop-sync/shops/`. */
  readonly shopTokensPrefix: string;
  /** Name prefix of the per-endpoint producer webhook signing secrets, e.g. `ocop-sync/webhooks/`. */
  readonly webhookSecretsPrefix: string;
  /** The producer API's key for signing OAuth `state` (binds a shop connection to the producer who began it). */
  readonly shopConnectState: Secret;
  readonly shopConnectStateName: string;

  constructor(scope: Construct, id: string, props: SyncSecretsProps) {
    super(scope, id);
    this.shopTokensPrefix = `${props.prefix}/shops/`;
    this.webhookSecretsPrefix = `${props.prefix}/webhooks/`;
    this.marketplaceAppsName = `${props.prefix}/marketplace-apps`;
    this.marketplaceApps = new Secret(this, 'MarketplaceApps', {
      secretName: this.marketplaceAppsName,
      description:
        'Shopee, Lazada and Postmart app credentials (partner ids and keys), JSON. Set with ' +
        '`aws secretsmanager put-secret-value` after deploying; the generated value is a placeholder.',
    });
    Validations.of(this.marketplaceApps).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Marketplace partner keys are issued in the Shopee, Lazada and Postmart partner portals and can ' +
        'only be rotated there, by a person; a rotation Lambda has nothing to call. See infra/README.md.',
    });
    this.shopConnectStateName = `${props.prefix}/shop-connect-state`;
    this.shopConnectState = new Secret(this, 'ShopConnectState', {
      secretName: this.shopConnectStateName,
      description: 'Key the producer API signs OAuth state with (generated; it never leaves the function).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.shopConnectState).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key only signs OAuth state values that expire within minutes: rotating it is putting a new ' +
        'random value (`aws secretsmanager put-secret-value`, infra/README.md), and the only cost is that ' +
        'shop connections begun in the last few minutes must be started again; no rotation Lambda needed.',
    });
  }

  /** Read the marketplace apps' credentials. */
  grantReadMarketplaceApps(grantee: IGrantable): Grant {
    return this.marketplaceApps.grantRead(grantee);
  }

  /** Delete per-shop token secrets: a disconnected shop's grant is over (the producer API's disconnect). */
  grantDeleteShopTokens(grantee: IGrantable): Grant {
    return this.grantUnder(grantee, this.shopTokensPrefix, 'shop token', ['secretsmanager:DeleteSecret']);
  }

  /** Read the OAuth state signing key. */
  grantReadShopConnectState(grantee: IGrantable): Grant {
    return this.shopConnectState.grantRead(grantee);
  }

  /** Read, update and create per-shop token secrets (a token refresh writes the new pair back). */
  grantReadWriteShopTokens(grantee: IGrantable): Grant {
    return this.grantUnder(grantee, this.shopTokensPrefix, 'shop token', SECRET_READ_WRITE);
  }

  /**
   * Read, create and rotate per-endpoint webhook signing secrets. A rotation stores the new list as a pending
   * version, then moves AWSCURRENT to it (`UpdateSecretVersionStage`, a compare-and-swap). No DeleteSecret.
   */
  grantReadWriteWebhookSecrets(grantee: IGrantable): Grant {
    return this.grantUnder(grantee, this.webhookSecretsPrefix, 'webhook signing', [
      ...SECRET_READ_WRITE,
      'secretsmanager:UpdateSecretVersionStage',
    ]);
  }

  /** The actions on every secret under a per-producer prefix (their names are only known after deployment). */
  private grantUnder(grantee: IGrantable, prefix: string, what: string, actions: readonly string[]): Grant {
    const resource = this.arnsUnder(prefix);
    acknowledgeWildcardResource(grantee, resource, perProducerSecretsReason(what));
    return Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [resource] });
  }

  /** The ARNs of every secret whose name starts with `prefix` (see `perProducerSecretsReason`). */
  arnsUnder(prefix: string): string {
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${prefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
