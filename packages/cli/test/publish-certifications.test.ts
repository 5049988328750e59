import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCouncilDecision } from '../src/import/council-decision.js';
import { publishCertifications } from '../src/import/publish-certifications.js';
import { readCouncilSheet } from '../src/import/read-sheet.js';
import { sampleFile } from './sample-files.js';

/**
 * An EventBridge endpoint that throttles the first entry of every PutEvents call it receives, as
 * EventBridge may (FailedEntryCount > 0, per-entry ThrottlingException): the real SDK speaks to it.
 */
function throttlingEndpoint(calls: number[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: unknown[] };
      calls.push(body.Entries.length);
      const entries = body.Entries.map((_, index) =>
        index === 0 && body.Entries.length > 1
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }
          : { EventId: `event-${calls.length}-${index}` },
      );
      const failed = entries.filter((entry) => 'ErrorCode' in entry).length;
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ FailedEntryCount: failed, Entries: entries }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('publishing certifications', () => {
  const calls: number[] = [];
  let server: Server;
  let client: EventBridgeClient;

  beforeAll(async () => {
    server = await throttlingEndpoint(calls);
    client = new EventBridgeClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends batches of 10 and retries only the refused entries until they are accepted', async () => {
    const { valid } = checkCouncilDecision(await readCouncilSheet(sampleFile('csv')));
    const progress: number[] = [];
    const report = await publishCertifications(valid, {
      client,
      eventBusName: 'ocop-sync',
      sleep: async () => {},
      onProgress: (published) => progress.push(published),
    });
    expect(report).toEqual({ published: 25, failed: [], retried: 3 });
    // 10 (1 throttled) → 1, 10 (1 throttled) → 1, 5 (1 throttled) → 1.
    expect(calls).toEqual([10, 1, 10, 1, 5, 1]);
    expect(progress.at(-1)).toBe(25);
  });
});
