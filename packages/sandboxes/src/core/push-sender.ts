import type { PushMessage } from './driver.js';

const PUSH_TIMEOUT_MS = 10_000;

/** POSTs a signed push exactly as built (the body bytes are what was signed). */
export async function sendPush(target: string, message: PushMessage): Promise<{ status: number }> {
  const response = await fetch(target, {
    method: 'POST',
    headers: message.headers,
    body: message.body,
    signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  return { status: response.status };
}
