import type { Template } from 'aws-cdk-lib/assertions';

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The one resource of `type` whose property `name` equals `value`, with its logical id; throws otherwise. */
export function resourceNamed(
  template: Template,
  type: string,
  name: string,
  value: unknown,
): { logicalId: string; resource: CfnResource } {
  const matches = Object.entries(resourcesOf(template, type)).filter(
    ([, resource]) => resource.Properties[name] === value,
  );
  const [match, ...others] = matches;
  if (match === undefined || others.length > 0) {
    throw new Error(`expected one ${type} with ${name} ${String(value)}, found ${matches.length}`);
  }
  return { logicalId: match[0], resource: match[1] };
}

/** `{ "Fn::GetAtt": [logicalId, "Arn"] }` */
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
