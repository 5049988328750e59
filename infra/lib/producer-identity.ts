import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The API's roles, one Cognito group each; a user's group becomes the caller's role (`cognito:groups`). */
export const producerApiGroups = [
  { name: 'operator', precedence: 10, description: 'Runs ocop-sync: every producer and area.' },
  {
    name: 'provincial-official',
    precedence: 20,
    description: 'Reads coverage and failures of one province.',
  },
  { name: 'district-official', precedence: 30, description: 'Reads coverage and failures of one district.' },
  {
    name: 'producer',
    precedence: 40,
    description: 'A cooperative or enterprise: its own products and shops.',
  },
] as const;

/** Custom attributes binding a user to what they may see; only an administrator sets them. */
export const producerApiCustomAttributes = ['producer_id', 'province', 'district'] as const;

export interface ProducerIdentityProps {
  /** Prefixes the pool and client names, e.g. `ocop-sync-prod`. */
  readonly namePrefix: string;
}

/**
 * Who may call the producer API: a Cognito user pool (sign-in by e-mail, accounts created by an operator,
 * never by self sign-up), one group per role, the attributes that scope a user to a producer or an area,
 * and one app client. The function verifies the pool's JWTs itself against `issuer`, `audience` and
 * `jwksUrl`, so the same code runs locally with a development issuer.
 */
export class ProducerIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** `iss` of the pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  /** `aud` of the pool's ID tokens: the app client id. */
  readonly audience: string;
  readonly jwksUrl: string;

  constructor(scope: Construct, id: string, props: ProducerIdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${props.namePrefix}-producers`,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(
        producerApiCustomAttributes.map((name) => [name, new StringAttribute({ minLen: 1, maxLen: 64 })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks compromised credentials and asks risky sign-ins for MFA (cdk-nag COG8).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP): producers are household businesses and cooperatives signing in from ' +
        'shared phones, and requiring an authenticator app would lock many out. Plus-tier threat ' +
        'protection (full function) demands MFA for risky sign-ins and blocks compromised passwords.',
    });
    for (const group of producerApiGroups) {
      new UserPoolGroup(this, `Group-${group.name}`, {
        userPool: this.userPool,
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
    }
    this.client = this.userPool.addClient('ApiClient', {
      userPoolClientName: `${props.namePrefix}-producer-api`,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...producerApiCustomAttributes),
      // Never the custom attributes: a producer who could write `producer_id` could read another's data.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
    this.audience = this.client.userPoolClientId;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
  }
}
