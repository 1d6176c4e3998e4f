import Stripe from 'stripe';
import {
  GatewayFailure,
  type GatewayCharge,
  type GatewayIntent,
  type HostedPageRequest,
  type IntentRequest,
  type IntentState,
  type PaymentGatewayIntents,
} from './port';
import type { StripeGatewayConfig } from './stripe-gateway';

/** The metadata key that finds a contact's Stripe customer again. */
export const CONTACT_METADATA = 'crm_contact_id';

const STATES: Record<string, IntentState> = {
  requires_payment_method: 'PENDING',
  requires_confirmation: 'PENDING',
  requires_action: 'PENDING',
  processing: 'PENDING',
  requires_capture: 'REQUIRES_CAPTURING',
  canceled: 'CANCELLED',
  succeeded: 'COMPLETED',
};

const asIntent = (pi: Stripe.PaymentIntent): GatewayIntent => ({
  id: pi.id,
  clientSecret: pi.client_secret ?? '',
  state: pi.last_payment_error && pi.status === 'requires_payment_method' ? 'REJECTED' : (STATES[pi.status] ?? 'PENDING'),
  amountMinor: BigInt(pi.amount),
  currency: pi.currency.toUpperCase(),
  metadata: { ...(pi.metadata ?? {}) },
});

/**
 * Stripe's intents side, on the official library: a contact is a Stripe Customer (found by its
 * metadata with the Search API, else created once), a client token is a SetupIntent's client secret
 * (the client saves a card with it), an intent is a PaymentIntent (capture_method manual when held).
 * Payouts to a customer's card are not something Stripe's API offers: refused before anything moves.
 */
export class StripeGatewayIntents implements PaymentGatewayIntents {
  readonly supportsPayouts = false;
  private readonly stripe: Stripe;

  constructor(config: StripeGatewayConfig) {
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

  private async customerOf(customerRef: string): Promise<string> {
    const found = await this.stripe.customers.search({ query: `metadata['${CONTACT_METADATA}']:'${customerRef.replace(/'/g, "\\'")}'`, limit: 1 });
    if (found.data[0]) return found.data[0].id;
    const created = await this.stripe.customers.create(
      { metadata: { [CONTACT_METADATA]: customerRef } },
      { idempotencyKey: `customer:${customerRef}` },
    );
    return created.id;
  }

  async clientToken(customerRef: string, idempotencyKey: string): Promise<{ token: string; customerId: string }> {
    try {
      const customer = await this.customerOf(customerRef);
      const seti = await this.stripe.setupIntents.create({ customer, usage: 'off_session' }, { idempotencyKey });
      return { token: seti.client_secret ?? '', customerId: customer };
    } catch (err) {
      throw failure(err);
    }
  }

  async createIntent(req: IntentRequest): Promise<GatewayIntent> {
    try {
      const customer = await this.customerOf(req.customerRef);
      const pi = await this.stripe.paymentIntents.create(
        {
          amount: Number(req.amountMinor),
          currency: req.currency.toLowerCase(),
          customer,
          capture_method: req.capture === 'ON_HOLD' ? 'manual' : 'automatic',
          description: req.description,
          metadata: req.metadata,
        },
        { idempotencyKey: req.idempotencyKey },
      );
      return asIntent(pi);
    } catch (err) {
      throw failure(err);
    }
  }

  async findIntent(id: string): Promise<GatewayIntent | null> {
    try {
      return asIntent(await this.stripe.paymentIntents.retrieve(id));
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
      throw failure(err);
    }
  }

  /** A Stripe Checkout Session (mode payment, or setup to save a card): its URL is the page Stripe hosts. */
  async hostedPage(req: HostedPageRequest): Promise<{ url: string }> {
    if (req.kind === 'PAYOUT') throw new GatewayFailure('stripe: payouts to a customer card are not offered by the Stripe adapter', false);
    try {
      const customer = req.customerRef ? await this.customerOf(req.customerRef) : undefined;
      const session =
        req.kind === 'CARD'
          ? await this.stripe.checkout.sessions.create({
              mode: 'setup',
              currency: req.currency.toLowerCase(),
              ...(customer ? { customer } : {}),
              success_url: req.successUrl,
              cancel_url: req.cancelUrl,
              metadata: req.metadata,
            })
          : await this.stripe.checkout.sessions.create({
              mode: 'payment',
              ...(customer ? { customer } : {}),
              line_items: [
                {
                  quantity: 1,
                  price_data: {
                    currency: req.currency.toLowerCase(),
                    unit_amount: Number(req.amountMinor ?? 0n),
                    product_data: { name: req.description },
                  },
                },
              ],
              payment_intent_data: { metadata: req.metadata },
              success_url: req.successUrl,
              cancel_url: req.cancelUrl,
              metadata: req.metadata,
            });
      if (!session.url) throw new GatewayFailure('stripe: the checkout session has no URL', false);
      return { url: session.url };
    } catch (err) {
      throw failure(err);
    }
  }

  async payout(): Promise<GatewayCharge> {
    throw new GatewayFailure('stripe: payouts to a customer card are not offered by the Stripe adapter', false);
  }
}

function failure(err: unknown): GatewayFailure {
  if (err instanceof Stripe.errors.StripeError) {
    const retriable =
      err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError || (err.statusCode ?? 0) >= 500;
    return new GatewayFailure(`stripe: ${err.type}: ${err.message}`, retriable);
  }
  return new GatewayFailure(`stripe: ${err instanceof Error ? err.message : String(err)}`);
}
