import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a UTF-8 message under a UTF-8 key, as lowercase hex (all three marketplaces use UTF-8 keys). */
export function hmacSha256Hex(key: string | Buffer, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

export function hmacSha256Base64(key: Buffer, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
