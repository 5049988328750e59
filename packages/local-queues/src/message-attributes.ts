import { createHash } from 'node:crypto';
import type { SQSMessageAttributes } from 'aws-lambda';
import { z } from 'zod';

/** One SQS message attribute as a sender gives it: `String`, `Number` or `Binary` (base64), with an optional custom suffix. */
export const messageAttributeSchema = z
  .object({
    dataType: z.string().regex(/^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/),
    stringValue: z.string().optional(),
    binaryValue: z.base64().optional(),
  })
  .refine(
    (attribute) =>
      (attribute.dataType.startsWith('Binary') ? attribute.binaryValue : attribute.stringValue) !== undefined,
    {
      message: 'Binary attributes need binaryValue; String and Number attributes need stringValue',
    },
  );

export const messageAttributesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_.-]{1,256}$/),
  messageAttributeSchema,
);

export type MessageAttributeInput = z.infer<typeof messageAttributeSchema>;
export type MessageAttributesInput = z.infer<typeof messageAttributesSchema>;

/** The shape Lambda puts in `SQSRecord.messageAttributes` (the list fields are reserved and always empty). */
export function toRecordAttributes(attributes: MessageAttributesInput): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    out[name] = {
      dataType: attribute.dataType,
      ...(attribute.stringValue === undefined ? {} : { stringValue: attribute.stringValue }),
      ...(attribute.binaryValue === undefined ? {} : { binaryValue: attribute.binaryValue }),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return out;
}

/**
 * MD5 of the attributes as SQS computes it: names sorted, each field length-prefixed (4 bytes, big-endian),
 * a transport byte (1 = string, 2 = binary). Undefined when there are no attributes, as in Lambda's records.
 */
export function md5OfMessageAttributes(attributes: MessageAttributesInput): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name];
    if (attribute === undefined) continue;
    const binary = attribute.dataType.startsWith('Binary');
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.dataType, 'utf8')));
    hash.update(Buffer.from([binary ? 2 : 1]));
    const value = binary
      ? Buffer.from(attribute.binaryValue ?? '', 'base64')
      : Buffer.from(attribute.stringValue ?? '', 'utf8');
    hash.update(lengthPrefixed(value));
  }
  return hash.digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([length, bytes]);
}
