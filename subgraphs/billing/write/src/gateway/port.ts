/** A charge as a gateway knows it. */
export interface GatewayCharge {
  id: string;
  status: 'succeeded' | 'declined';
  /** The gateway's decline code and message when declined. */
  code?: string;
  reason?: string;
}

export interface ChargeRequest {
  /** Minor units of the currency. */
  amountMinor: bigint;
  currency: string;
  /** The stored method's gateway token (e.g. Stripe's `tok_visa`). */
  token: string;
  description: string;
  /** Sent to the gateway with the charge: the same key never charges twice, and it finds the charge again. */
  idempotencyKey: string;
}

/** Thrown when the gateway did not answer in time: the charge may or may not exist (look it up, never charge again). */
export class GatewayTimeout extends Error {
  constructor(message = 'the payment gateway did not answer in time') {
    super(message);
    this.name = 'GatewayTimeout';
  }
}

/** Thrown when the gateway failed (5xx, unreachable): nothing is known to have moved. */
export class GatewayFailure extends Error {
  constructor(
    message: string,
    readonly retriable = true,
  ) {
    super(message);
    this.name = 'GatewayFailure';
  }
}

/** A payment intent: the gateway holds the payment while the client confirms it (card capture). */
export interface IntentRequest {
  amountMinor: bigint;
  currency: string;
  /** AUTOMATIC captures when confirmed; ON_HOLD only authorises (captured later). */
  capture: 'AUTOMATIC' | 'ON_HOLD';
  /** Who pays, as the gateway's customer is found again (the contact's id). */
  customerRef: string;
  description: string;
  /** Kept on the intent (tenant, contact, account): a webhook settles the payment from them. */
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export type IntentState = 'REQUIRES_CAPTURING' | 'REJECTED' | 'COMPLETED' | 'PENDING' | 'CANCELLED';

export interface GatewayIntent {
  id: string;
  clientSecret: string;
  state: IntentState;
  amountMinor: bigint;
  currency: string;
  metadata: Record<string, string>;
}

/** Money paid out to a payer's method (a card's token). */
export interface PayoutRequest {
  amountMinor: bigint;
  currency: string;
  token: string;
  description: string;
  idempotencyKey: string;
}

/** What the intents and payouts side of a gateway offers (client tokens, intents, payouts). */
export interface PaymentGatewayIntents {
  /** A client token for the contact: the client confirms card capture with it (Stripe: a SetupIntent's client secret). */
  clientToken(customerRef: string, idempotencyKey: string): Promise<{ token: string; customerId: string }>;
  createIntent(req: IntentRequest): Promise<GatewayIntent>;
  /** The intent as the gateway knows it now (null when it has none). */
  findIntent(id: string): Promise<GatewayIntent | null>;
  /** Whether money can be paid out to a card through this gateway. */
  readonly supportsPayouts: boolean;
  payout(req: PayoutRequest): Promise<GatewayCharge>;
  /** The gateway's own hosted page for a payment (or saving a card), or null when the platform serves the page itself. */
  hostedPage(req: HostedPageRequest): Promise<{ url: string } | null>;
}

export interface HostedPageRequest {
  kind: 'PAYMENT' | 'TOP_UP' | 'CARD' | 'PAYOUT' | 'PASS';
  amountMinor: bigint | null;
  currency: string;
  customerRef: string | null;
  successUrl: string;
  cancelUrl: string;
  description: string;
  metadata: Record<string, string>;
}

/** The one port every payment gateway adapter implements (TEST built in, STRIPE through Stripe's library). */
export interface PaymentGateway {
  readonly name: 'TEST' | 'STRIPE';
  /** Charges the token once per idempotency key; a decline is an answer, not an error. */
  charge(req: ChargeRequest): Promise<GatewayCharge>;
  /** The charge made under this idempotency key, or null when the gateway has none. */
  findCharge(idempotencyKey: string): Promise<GatewayCharge | null>;
  /** Refunds a charge, wholly or `amountMinor` of it (once per idempotency key). */
  refund(chargeId: string, idempotencyKey: string, amountMinor?: bigint): Promise<{ id: string }>;
}
