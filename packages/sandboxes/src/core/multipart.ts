import { header, type SandboxRequest } from './http-types.js';

/**
 * A `multipart/form-data` body read with the platform's own parser (undici's `Response.formData`), so the
 * sandbox checks what a real server would receive. Undefined when the body is not multipart or is malformed.
 */
export async function readMultipart(request: SandboxRequest): Promise<FormData | undefined> {
  const type = header(request, 'content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return undefined;
  try {
    return await new Response(new Uint8Array(request.rawBody), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return undefined;
  }
}
