import { randomBytes } from 'node:crypto';
import type { GatewayCharge, GatewayIntent, IntentRequest, PaymentGatewayIntents, PayoutRequest } from './port';

const ACCEPTED = new Set(['tok_visa', 'tok_visa_debit', 'tok_mastercard', 'tok_amex']);
const rand = () => randomBytes(12).toString('base64url');

/**
 * The built-in TEST gateway's intents and payouts: client tokens and intents shaped like Stripe's
 * (`seti_…_secret_…`, `pi_…_secret_…`), payouts to Stripe's test card tokens (others declined).
 * A test may mark an intent as confirmed by the payer (`confirm`), as a client would with Stripe.js.
 */
export class TestGatewayIntents implements PaymentGatewayIntents {
  readonly supportsPayouts = true;
  private readonly intents = new Map<string, GatewayIntent>();
  private readonly intentByKey = new Map<string, string>();
  private readonly payouts = new Map<string, GatewayCharge>();
  private readonly customers = new Map<string, string>();
  payoutsMade = 0;

  async clientToken(customerRef: string): Promise<{ token: string; customerId: string }> {
    let customerId = this.customers.get(customerRef);
    if (!customerId) {
      customerId = `cus_test_${rand()}`;
      this.customers.set(customerRef, customerId);
    }
    const seti = `seti_test_${rand()}`;
    return { token: `${seti}_secret_${rand()}`, customerId };
  }

  async createIntent(req: IntentRequest): Promise<GatewayIntent> {
    const known = this.intentByKey.get(req.idempotencyKey);
    if (known) return this.intents.get(known)!;
    const id = `pi_test_${rand()}`;
    const intent: GatewayIntent = {
      id,
      clientSecret: `${id}_secret_${rand()}`,
      state: 'PENDING',
      amountMinor: req.amountMinor,
      currency: req.currency,
      metadata: { ...req.metadata, capture: req.capture },
    };
    this.intents.set(id, intent);
    this.intentByKey.set(req.idempotencyKey, id);
    return intent;
  }

  async findIntent(id: string): Promise<GatewayIntent | null> {
    return this.intents.get(id) ?? null;
  }

  /** The payer confirmed the intent (as Stripe.js would): COMPLETED, or REQUIRES_CAPTURING when held. */
  confirm(id: string): GatewayIntent | null {
    const intent = this.intents.get(id);
    if (!intent) return null;
    intent.state = intent.metadata['capture'] === 'ON_HOLD' ? 'REQUIRES_CAPTURING' : 'COMPLETED';
    return intent;
  }

  async payout(req: PayoutRequest): Promise<GatewayCharge> {
    let done = this.payouts.get(req.idempotencyKey);
    if (!done) {
      done = ACCEPTED.has(req.token)
        ? { id: `po_test_${rand()}`, status: 'succeeded' }
        : { id: `po_test_${rand()}`, status: 'declined', code: 'payout_declined', reason: 'The card cannot receive payouts.' };
      if (done.status === 'succeeded') this.payoutsMade++;
      this.payouts.set(req.idempotencyKey, done);
    }
    return done;
  }

  /** The platform serves the TEST gateway's pages itself. */
  async hostedPage(): Promise<null> {
    return null;
  }
}
