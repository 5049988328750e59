import { Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's finding for one wildcard resource on the principal that received it. The finding
 * id names the resource exactly as cdk-nag renders it (references as `<LogicalId>` or `<LogicalId.Attr>`),
 * so the acknowledgement covers that one ARN pattern and nothing else.
 */
export function acknowledgeWildcardResource(grantee: IGrantable, resource: string, reason: string): void {
  const principal = grantee.grantPrincipal;
  if (!(principal instanceof Construct)) throw new Error('the grantee has no construct to acknowledge on');
  Validations.of(principal).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${renderReference(principal, resource)}]`,
    reason,
  });
}

function renderReference(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return JSON.stringify(node);
  if ('Fn::Join' in node && Array.isArray(node['Fn::Join'])) {
    const [delimiter, items] = node['Fn::Join'];
    return Array.isArray(items) ? items.map(flatten).join(String(delimiter)) : JSON.stringify(node);
  }
  if ('Fn::GetAtt' in node && Array.isArray(node['Fn::GetAtt'])) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if ('Ref' in node) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}
