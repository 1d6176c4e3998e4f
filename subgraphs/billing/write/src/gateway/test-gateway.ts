import { randomBytes } from 'node:crypto';
import { GatewayFailure, type ChargeRequest, type GatewayCharge, type PaymentGateway } from './port';

/** A charge reference shaped like Stripe's (`ch_` and base64url letters). */
const chargeId = () => `ch_test_${randomBytes(18).toString('base64url')}`;

/** Stripe's test tokens the built-in gateway knows (any other token is declined as invalid). */
const ACCEPTED = new Set(['tok_visa', 'tok_visa_debit', 'tok_mastercard', 'tok_amex']);
const DECLINES: Record<string, { code: string; reason: string }> = {
  tok_chargeDeclined: { code: 'card_declined', reason: 'Your card was declined.' },
  tok_chargeDeclinedInsufficientFunds: { code: 'insufficient_funds', reason: 'Your card has insufficient funds.' },
  tok_chargeDeclinedExpiredCard: { code: 'expired_card', reason: 'Your card has expired.' },
};

/** Fault injection for tests: the next charges answer late (after the charge is made), fail with a 5xx first, or succeed. */
export interface TestGatewayFaults {
  /** Delay the answer of the next N charges by `delayMs` (the charge IS made at once: a lost answer). */
  slowAnswers?: { count: number; delayMs: number };
  /** Fail the next N charges before charging (a 5xx: nothing made). */
  failures?: number;
}

/**
 * The built-in TEST gateway (the demo tenant's default): accepts Stripe's test tokens (`tok_visa`,
 * `tok_mastercard`), declines `tok_chargeDeclined` (and Stripe's other decline tokens) the way
 * Stripe does, keeps charges by idempotency key so a repeated key never charges twice, and counts
 * the charges it really made (tests assert on `chargesMade`).
 */
export class TestGateway implements PaymentGateway {
  readonly name = 'TEST' as const;
  private readonly byKey = new Map<string, GatewayCharge>();
  private readonly refunds = new Map<string, { id: string }>();
  chargesMade = 0;
  faults: TestGatewayFaults = {};

  async charge(req: ChargeRequest): Promise<GatewayCharge> {
    if (this.faults.failures && this.faults.failures > 0) {
      this.faults.failures--;
      throw new GatewayFailure('test gateway: 503 service unavailable');
    }
    let charge = this.byKey.get(req.idempotencyKey);
    if (!charge) {
      const declined = DECLINES[req.token];
      if (declined) charge = { id: chargeId(), status: 'declined', ...declined };
      else if (!ACCEPTED.has(req.token)) charge = { id: chargeId(), status: 'declined', code: 'invalid_token', reason: 'No such token.' };
      else {
        charge = { id: chargeId(), status: 'succeeded' };
        this.chargesMade++;
      }
      this.byKey.set(req.idempotencyKey, charge);
    }
    const slow = this.faults.slowAnswers;
    if (slow && slow.count > 0) {
      slow.count--;
      await new Promise((r) => setTimeout(r, slow.delayMs));
    }
    return charge;
  }

  async findCharge(idempotencyKey: string): Promise<GatewayCharge | null> {
    return this.byKey.get(idempotencyKey) ?? null;
  }

  /** Refunds made (a repeated key is not counted): tests assert a refund happened once. */
  refundsMade = 0;

  async refund(chargeId: string, idempotencyKey: string): Promise<{ id: string }> {
    const done = this.refunds.get(idempotencyKey);
    if (done) return done;
    this.refundsMade++;
    const refund = { id: `re_test_${chargeId.slice(-12)}_${this.refunds.size + 1}` };
    this.refunds.set(idempotencyKey, refund);
    return refund;
  }
}
