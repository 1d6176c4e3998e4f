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

/** The one port every payment gateway adapter implements (TEST built in, STRIPE through Stripe's library). */
export interface PaymentGateway {
  readonly name: 'TEST' | 'STRIPE';
  /** Charges the token once per idempotency key; a decline is an answer, not an error. */
  charge(req: ChargeRequest): Promise<GatewayCharge>;
  /** The charge made under this idempotency key, or null when the gateway has none. */
  findCharge(idempotencyKey: string): Promise<GatewayCharge | null>;
  /** Refunds a charge (once per idempotency key). */
  refund(chargeId: string, idempotencyKey: string): Promise<{ id: string }>;
}
