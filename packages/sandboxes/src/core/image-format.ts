/** JPEG starts FF D8 FF; PNG with its 8-byte signature 89 50 4E 47 0D 0A 1A 0A (ISO/IEC 10918-1, RFC 2083). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format the bytes really are (their magic bytes), whatever name or content type they came with. */
export function imageFormat(bytes: Uint8Array): 'jpeg' | 'png' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return 'png';
  return undefined;
}
