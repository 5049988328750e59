import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The shape of `ledgerTable` from `@ocop-sync/ledger/table-definition`: key names, indexes, TTL, stream. */
export interface LedgerTableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly indexes: Readonly<Record<string, { name: string; partitionKey: string; sortKey: string }>>;
  readonly streamViewType: `${StreamViewType}`;
}

export interface LedgerTableProps {
  readonly definition: LedgerTableDefinition;
  /** Turn the stream on only when a function consumes it (a stream nobody reads is cost and no benefit). */
  readonly stream: boolean;
}

/** Item actions on the base table; the sparse indexes are only ever queried. */
const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The product ledger's single table, built from the shared definition: on demand, point-in-time
 * recovery, deletion protection and retained on stack deletion, TTL, encrypted with the AWS managed key.
 * Grants name each index rather than `index/*`, so a policy never reaches an index that does not exist.
 */
export class LedgerTable extends Construct {
  readonly table: Table;
  readonly #indexArns: string[];

  constructor(scope: Construct, id: string, props: LedgerTableProps) {
    super(scope, id);
    const { definition } = props;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      stream: props.stream ? toStreamViewType(definition.streamViewType) : undefined,
    });
    for (const index of Object.values(definition.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.#indexArns = Object.values(definition.indexes).map(
      (index) => `${this.table.tableArn}/index/${index.name}`,
    );
  }

  /** Read items and query every index. */
  grantRead(grantee: IGrantable): Grant {
    return this.#grant(grantee, readActions);
  }

  /** Read, write and delete items, and query every index (conditional and batch writes included). */
  grantReadWrite(grantee: IGrantable): Grant {
    return this.#grant(grantee, [...readActions, ...writeActions]);
  }

  /**
   * Update only items whose partition key starts with `prefix` (the shared rate-limit slots), for functions
   * that otherwise only read the ledger.
   */
  grantUpdateItemsUnder(grantee: IGrantable, prefix: string): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:UpdateItem'],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } },
    });
  }

  #grant(grantee: IGrantable, tableActions: readonly string[]): Grant {
    const onTable = Grant.addToPrincipal({
      grantee,
      actions: [...tableActions],
      resourceArns: [this.table.tableArn],
    });
    const onIndexes = Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: this.#indexArns,
    });
    return onTable.combine(onIndexes);
  }
}

function toStreamViewType(value: `${StreamViewType}`): StreamViewType {
  const match = Object.values(StreamViewType).find((candidate) => candidate === value);
  if (match === undefined) throw new Error(`unknown stream view type ${value}`);
  return match;
}
