import Stripe from 'stripe';
import { GatewayFailure, type ChargeRequest, type GatewayCharge, type PaymentGateway } from './port';

export interface StripeGatewayConfig {
  secretKey: string;
  /** Where the API is: `https://api.stripe.com` by default; tests point it at a local server. */
  apiBase: string;
  /** Signing secret of the webhook endpoint (`whsec_…`). */
  webhookSecret: string | null;
  timeoutMs: number;
}

/** The metadata key that finds a charge again after a lost answer (Stripe charges are searchable by metadata). */
export const KEY_METADATA = 'crm_idempotency_key';

const asCharge = (c: Stripe.Charge): GatewayCharge =>
  c.status === 'failed'
    ? { id: c.id, status: 'declined', code: c.failure_code ?? 'card_declined', reason: c.failure_message ?? 'The card was declined.' }
    : { id: c.id, status: 'succeeded' };

/**
 * The Stripe adapter, on Stripe's official Node library: charges a stored token (`source`) with
 * the idempotency key as Stripe's `Idempotency-Key` header and as charge metadata (so a charge whose
 * answer was lost is found with the Search API, never made again), refunds, and verifies signed
 * webhooks with the library. The library's own network retries are off: the caller decides.
 */
export class StripeGateway implements PaymentGateway {
  readonly name = 'STRIPE' as const;
  private readonly stripe: Stripe;

  constructor(private readonly config: StripeGatewayConfig) {
    const url = new URL(config.apiBase);
    this.stripe = new Stripe(config.secretKey, {
      host: url.hostname,
      port: url.port || (url.protocol === 'http:' ? 80 : 443),
      protocol: url.protocol === 'http:' ? 'http' : 'https',
      maxNetworkRetries: 0,
      timeout: config.timeoutMs,
      telemetry: false,
    });
  }

  async charge(req: ChargeRequest): Promise<GatewayCharge> {
    try {
      const charge = await this.stripe.charges.create(
        {
          amount: Number(req.amountMinor),
          currency: req.currency.toLowerCase(),
          source: req.token,
          description: req.description,
          metadata: { [KEY_METADATA]: req.idempotencyKey },
        },
        { idempotencyKey: req.idempotencyKey },
      );
      return asCharge(charge);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        // the raw error is Stripe's answer as documented (the library prefixes its message with the request id)
        const raw = (typeof err.raw === 'object' && err.raw ? err.raw : {}) as { charge?: unknown; message?: unknown };
        const chargeId = typeof raw.charge === 'string' ? raw.charge : `declined:${req.idempotencyKey}`;
        const reason = typeof raw.message === 'string' ? raw.message : err.message;
        return { id: chargeId, status: 'declined', code: err.decline_code ?? err.code ?? 'card_declined', reason };
      }
      throw this.failure(err);
    }
  }

  async findCharge(idempotencyKey: string): Promise<GatewayCharge | null> {
    try {
      const found = await this.stripe.charges.search({ query: `metadata['${KEY_METADATA}']:'${idempotencyKey.replace(/'/g, "\\'")}'`, limit: 1 });
      const charge = found.data[0];
      return charge ? asCharge(charge) : null;
    } catch (err) {
      throw this.failure(err);
    }
  }

  async refund(chargeId: string, idempotencyKey: string, amountMinor?: bigint): Promise<{ id: string }> {
    try {
      // a payment settled from a payment intent refunds the intent (Stripe: refunds take `payment_intent` or `charge`)
      const target = chargeId.startsWith('pi_') ? { payment_intent: chargeId } : { charge: chargeId };
      const refund = await this.stripe.refunds.create(
        { ...target, ...(amountMinor !== undefined ? { amount: Number(amountMinor) } : {}) },
        { idempotencyKey },
      );
      return { id: refund.id };
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** A webhook's event, verified with the endpoint's signing secret (Stripe-Signature header); throws when the signature does not hold. */
  verifyWebhook(payload: string | Buffer, signature: string): Stripe.Event {
    if (!this.config.webhookSecret) throw new GatewayFailure('no Stripe webhook secret is configured', false);
    return this.stripe.webhooks.constructEvent(payload, signature, this.config.webhookSecret);
  }

  private failure(err: unknown): GatewayFailure {
    if (err instanceof Stripe.errors.StripeError) {
      const retriable =
        err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError || (err.statusCode ?? 0) >= 500;
      return new GatewayFailure(`stripe: ${err.type}: ${err.message}`, retriable);
    }
    return new GatewayFailure(`stripe: ${err instanceof Error ? err.message : String(err)}`);
  }
}
