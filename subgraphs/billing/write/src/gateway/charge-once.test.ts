import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chargeOnce } from './charge-once';
import { GatewayFailure, type ChargeRequest } from './port';
import { TestGateway } from './test-gateway';

const req = (token: string, key: string): ChargeRequest => ({ amountMinor: 1000n, currency: 'EUR', token, description: 'test', idempotencyKey: key });
const opts = { timeoutMs: 100, lookups: 3, lookupDelayMs: 20 };

describe('the TEST gateway and charging once', () => {
  it('accepts tok_visa and tok_mastercard, declines tok_chargeDeclined with Stripe’s reason, counts only real charges', async () => {
    const g = new TestGateway();
    assert.equal((await chargeOnce(g, req('tok_visa', 'k1'), opts))?.status, 'succeeded');
    assert.equal((await chargeOnce(g, req('tok_mastercard', 'k2'), opts))?.status, 'succeeded');
    const declined = await chargeOnce(g, req('tok_chargeDeclined', 'k3'), opts);
    assert.deepEqual([declined?.status, declined?.code, declined?.reason], ['declined', 'card_declined', 'Your card was declined.']);
    assert.equal((await chargeOnce(g, req('tok_unknown', 'k4'), opts))?.status, 'declined');
    assert.equal(g.chargesMade, 2);
  });

  it('the same idempotency key never charges twice', async () => {
    const g = new TestGateway();
    const a = await chargeOnce(g, req('tok_visa', 'same'), opts);
    const b = await chargeOnce(g, req('tok_visa', 'same'), opts);
    assert.equal(a?.id, b?.id);
    assert.equal(g.chargesMade, 1);
  });

  it('a charge whose answer times out is looked up by its key, never sent again', async () => {
    const g = new TestGateway();
    let sent = 0;
    const charge = g.charge.bind(g);
    g.charge = (r) => {
      sent++;
      return charge(r);
    };
    g.faults.slowAnswers = { count: 1, delayMs: 1000 };
    const started = Date.now();
    const found = await chargeOnce(g, req('tok_visa', 'slow'), opts);
    assert.equal(found?.status, 'succeeded');
    assert.ok(Date.now() - started < 900, 'answered from the look-up, not the late answer');
    assert.equal(sent, 1, 'sent once');
    assert.equal(g.chargesMade, 1);
  });

  it('a timed-out charge the gateway never made is reported as unknown (null), still sent once', async () => {
    const g = new TestGateway();
    let sent = 0;
    g.charge = () => {
      sent++;
      return new Promise(() => undefined); // never answers, never charges
    };
    assert.equal(await chargeOnce(g, req('tok_visa', 'lost'), opts), null);
    assert.equal(sent, 1);
    assert.equal(g.chargesMade, 0);
  });

  it('a 5xx is a failure: nothing charged', async () => {
    const g = new TestGateway();
    g.faults.failures = 1;
    await assert.rejects(chargeOnce(g, req('tok_visa', 'f'), opts), GatewayFailure);
    assert.equal(g.chargesMade, 0);
    assert.equal(await g.findCharge('f'), null);
  });
});
