import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders } from './signing';

/** W3: signatures checked with the Standard Webhooks reference library, as a receiver would. */
describe('webhook signatures (W3, verified with the standardwebhooks reference library)', () => {
  const RUNS = 1000;

  it('every signed payload verifies; every tampered body, id or timestamp fails', () => {
    let valid = 0;
    let rejected = 0;
    for (let i = 0; i < RUNS; i++) {
      const secret = newWebhookSecret();
      const body = JSON.stringify({
        type: 'contact.created',
        timestamp: new Date().toISOString(),
        data: { id: randomUUID(), n: randomBytes(i % 64).toString('base64') },
      });
      const id = randomUUID();
      const headers = webhookHeaders([secret], { id, timestamp: new Date(), body });
      const wh = new Webhook(secret);
      wh.verify(body, headers);
      valid++;
      const tampered: [string, Record<string, string>][] = [
        [body.replace('contact.created', 'contact.updated'), headers],
        [`${body} `, headers],
        [body, { ...headers, 'webhook-id': randomUUID() }],
        [body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }],
        [body, { ...headers, 'webhook-signature': webhookHeaders([newWebhookSecret()], { id, timestamp: new Date(), body })['webhook-signature']! }],
      ];
      for (const [b, h] of tampered) {
        assert.throws(() => wh.verify(b, h));
        rejected++;
      }
    }
    assert.deepEqual([valid, rejected], [RUNS, RUNS * 5]);
  });

  it('a stale or future timestamp fails (beyond the 5 minute tolerance)', () => {
    const secret = newWebhookSecret();
    const body = '{"type":"contact.created"}';
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const headers = webhookHeaders([secret], { id: randomUUID(), timestamp: new Date(Date.now() + offset), body });
      assert.throws(() => new Webhook(secret).verify(body, headers), /timestamp/i);
    }
  });

  it('during a rotation both secrets verify one message; a secret that does not sign it fails', () => {
    const [current, previous, unrelated] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const body = '{"type":"contact.updated"}';
    const headers = webhookHeaders([current, previous], { id: randomUUID(), timestamp: new Date(), body });
    assert.match(headers['webhook-signature']!, /^v1,\S+ v1,\S+$/);
    new Webhook(current).verify(body, headers);
    new Webhook(previous).verify(body, headers);
    assert.throws(() => new Webhook(unrelated).verify(body, headers));
    const after = webhookHeaders([current], { id: randomUUID(), timestamp: new Date(), body });
    assert.throws(() => new Webhook(previous).verify(body, after));
  });

  it('secrets are whsec_ + base64 of 32 random bytes, all different', () => {
    const secrets = new Set(Array.from({ length: 100 }, newWebhookSecret));
    assert.equal(secrets.size, 100);
    for (const s of secrets) assert.equal(Buffer.from(s.slice('whsec_'.length), 'base64').length, 32);
  });
});
