import { GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhooksError } from '../src/errors.js';
import { toWebhookMessage } from '../src/message-mapping.js';
import type { EndpointRef } from '../src/types.js';
import { sampleEvents } from './support/events.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import {
  type StartedSecretStore,
  secretStoreImplementations,
  WEBHOOK_SECRET_PREFIX,
} from './support/secret-stores.js';
import { drainDue, type ServiceHarness, startService } from './support/service.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let counter = 0;
/** A fresh endpoint per test: each test makes its own data. */
const newRef = (): EndpointRef => {
  counter += 1;
  return { producerId: `HTX-${counter}`, endpointId: `ep_contract${counter}` };
};

describe.each(secretStoreImplementations)('secret store contract: $name', ({ start }) => {
  let started: StartedSecretStore;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => started.close());

  it('has no signing secret for an endpoint it never stored', async () => {
    await expect(started.store.signingSecrets(newRef(), T0)).resolves.toEqual([]);
  });

  it('signs with the secret an endpoint was created with', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_one', T0);
    await expect(started.store.signingSecrets(ref, at(3600))).resolves.toEqual(['whsec_one']);
  });

  it('refuses to create an endpoint secret twice', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_one', T0);
    await expect(started.store.create(ref, 'whsec_two', T0)).rejects.toBeInstanceOf(WebhooksError);
    await expect(started.store.signingSecrets(ref, T0)).resolves.toEqual(['whsec_one']);
  });

  it('signs with the new and the old secret during the overlap, newest first, then with the new one only', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_old', T0);
    await started.store.rotate(ref, 'whsec_new', at(10), at(70));
    await expect(started.store.signingSecrets(ref, at(69))).resolves.toEqual(['whsec_new', 'whsec_old']);
    await expect(started.store.signingSecrets(ref, at(70))).resolves.toEqual(['whsec_new']);
  });

  it('keeps the earliest end when a second rotation overlaps the first, and drops ended secrets', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_a', T0);
    await started.store.rotate(ref, 'whsec_b', T0, at(60));
    await started.store.rotate(ref, 'whsec_c', at(10), at(3600));
    await expect(started.store.signingSecrets(ref, at(30))).resolves.toEqual([
      'whsec_c',
      'whsec_b',
      'whsec_a',
    ]);
    await expect(started.store.signingSecrets(ref, at(61))).resolves.toEqual(['whsec_c', 'whsec_b']);
    await started.store.rotate(ref, 'whsec_d', at(4000), at(4060));
    await expect(started.store.signingSecrets(ref, at(4000))).resolves.toEqual(['whsec_d', 'whsec_c']);
  });

  it('ends an overlap early on finishRotation, keeping only the newest secret', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_old', T0);
    await started.store.rotate(ref, 'whsec_new', T0, at(86_400));
    await started.store.finishRotation(ref);
    await expect(started.store.signingSecrets(ref, at(1))).resolves.toEqual(['whsec_new']);
  });

  it('forgets every secret of a removed endpoint, and can store a new one under the same reference', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_old', T0);
    await started.store.remove(ref);
    await expect(started.store.signingSecrets(ref, T0)).resolves.toEqual([]);
    await started.store.remove(ref);
    await started.store.create(ref, 'whsec_again', T0);
    await expect(started.store.signingSecrets(ref, T0)).resolves.toEqual(['whsec_again']);
  });

  it('never loses a secret to two rotations at once: a rotation either lands or fails as concurrent', async () => {
    const ref = newRef();
    await started.store.create(ref, 'whsec_base', T0);
    const outcomes = await Promise.allSettled([
      started.store.rotate(ref, 'whsec_x', at(1), at(600)),
      started.store.rotate(ref, 'whsec_y', at(1), at(600)),
    ]);
    const signing = await started.store.signingSecrets(ref, at(2));
    expect(signing).toContain('whsec_base');
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') expect(signing).toContain(index === 0 ? 'whsec_x' : 'whsec_y');
      else expect(outcome.reason).toBeInstanceOf(WebhooksError);
    });
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
  });

  describe('through the webhook service, over HTTP', () => {
    let harness: ServiceHarness;
    let receiver: Receiver;
    beforeAll(async () => {
      [harness, receiver] = await Promise.all([startService({ secrets: started.store }), startReceiver()]);
    });
    // Receivers check the timestamp against real time: the clock starts at now.
    beforeEach(() => harness.clock.set(new Date()));
    afterAll(async () => {
      await Promise.all([harness.close(), receiver.close()]);
    });

    it('signs with both secrets during a rotation overlap, then only with the new one', async () => {
      const { endpoint, secret: old } = await harness.service.registerEndpoint({
        producerId: 'HTX-H',
        url: receiver.url('/h-old'),
        eventTypes: ['stock.low'],
      });
      const { secret: next } = await harness.service.rotateSecret(endpoint, 60);
      await harness.service.updateEndpoint(endpoint, { url: receiver.url('/h-new') });
      receiver.on('/h-new', { kind: 'verify', secret: next });
      await harness.service.publish(stockLow('HTX-H'));
      await drainDue(harness.service);
      const during = receiver.at('/h-new')[0];
      expect(during?.verified).toBe(true);
      expect(during?.headers['webhook-signature']?.split(' ')).toHaveLength(2);

      harness.clock.advance(61_000);
      receiver.on('/h-new', { kind: 'verify', secret: old });
      await harness.service.publish(stockLow('HTX-H'));
      await drainDue(harness.service);
      const after = receiver.at('/h-new')[1];
      expect(after?.verified).toBe(false);
      expect(after?.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    });
  });
});

describe('Secrets Manager secret store', () => {
  let started: StartedSecretStore;
  beforeAll(async () => {
    const implementation = secretStoreImplementations.find((candidate) =>
      candidate.name.startsWith('Secrets Manager'),
    );
    if (implementation === undefined) throw new Error('no Secrets Manager implementation');
    started = await implementation.start();
  });
  afterAll(() => started.close());

  it('keeps one secret per endpoint under the prefix, the previous list as AWSPREVIOUS', async () => {
    const client = started.secretsManager;
    if (client === undefined) throw new Error('no Secrets Manager client');
    const ref = { producerId: 'HTX-SM', endpointId: 'ep_named' };
    await started.store.create(ref, 'whsec_first', T0);
    await started.store.rotate(ref, 'whsec_second', at(1), at(60));

    const listed = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [WEBHOOK_SECRET_PREFIX] }] }),
    );
    expect(listed.SecretList?.map((secret) => secret.Name)).toEqual(['ocop-sync/webhooks/HTX-SM/ep_named']);
    const previous = await client.send(
      new GetSecretValueCommand({
        SecretId: 'ocop-sync/webhooks/HTX-SM/ep_named',
        VersionStage: 'AWSPREVIOUS',
      }),
    );
    expect(JSON.parse(previous.SecretString ?? '{}')).toEqual({
      secrets: [{ secret: 'whsec_first', createdAt: T0.toISOString() }],
    });
  });

  it('refuses an id that cannot be part of a secret name, naming no secret value', async () => {
    const attempt = started.store.create({ producerId: 'HTX SM', endpointId: 'ep_x' }, 'whsec_hidden', T0);
    await expect(attempt).rejects.toBeInstanceOf(WebhooksError);
    await expect(attempt).rejects.not.toThrow(/whsec_hidden/);
  });
});

function stockLow(producerId: string) {
  counter += 1;
  const event = sampleEvents['stock.low'];
  const mapped = toWebhookMessage(
    event.detailType,
    { ...event.detail, producerId, movementId: `mv-contract-${counter}` },
    `ev-contract-${counter}`,
  );
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.message;
}
