import { header, type SandboxRequest } from '../core/http-types.js';

/**
 * Lazada parameters travel in the query string (GET, and the Node SDK's POST) or in an
 * application/x-www-form-urlencoded body (the Python SDK's POST); both are read (research §2.3).
 */
export function lazadaParams(request: SandboxRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of request.query) if (!(name in params)) params[name] = value;
  const type = header(request, 'content-type') ?? '';
  if (request.bodyText !== '' && (type === '' || type.includes('application/x-www-form-urlencoded'))) {
    for (const [name, value] of new URLSearchParams(request.bodyText)) params[name] = value;
  }
  return params;
}
