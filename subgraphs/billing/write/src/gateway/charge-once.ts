import { GatewayTimeout, type ChargeRequest, type GatewayCharge, type PaymentGateway } from './port';

export interface ChargeOnceOptions {
  /** How long the charge's answer is waited for before it is looked up instead. */
  timeoutMs: number;
  /** Look-ups after a timeout (each waits `lookupDelayMs` first): the charge may still be in flight. */
  lookups?: number;
  lookupDelayMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Charges once: the charge is sent with its idempotency key and waited for `timeoutMs`; when the
 * answer does not come, the charge is LOOKED UP by that key (a few times), never sent again.
 * Null when the gateway still knows nothing of it (the caller reports a timeout and a later retry
 * looks it up again).
 */
export async function chargeOnce(gateway: PaymentGateway, req: ChargeRequest, opts: ChargeOnceOptions): Promise<GatewayCharge | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayTimeout()), opts.timeoutMs);
  });
  const sent = gateway.charge(req);
  sent.catch(() => undefined); // an answer after the timeout is dropped (the look-up finds the charge)
  try {
    return await Promise.race([sent, timeout]);
  } catch (err) {
    if (!(err instanceof GatewayTimeout)) throw err;
  } finally {
    clearTimeout(timer);
  }
  return lookUp(gateway, req.idempotencyKey, opts);
}

/** The charge made under the key, looked up a few times; null when the gateway has none. */
export async function lookUp(gateway: PaymentGateway, idempotencyKey: string, opts: ChargeOnceOptions): Promise<GatewayCharge | null> {
  const tries = opts.lookups ?? 3;
  for (let i = 0; i < tries; i++) {
    if (i > 0 || opts.lookupDelayMs) await sleep(opts.lookupDelayMs ?? 100);
    const found = await gateway.findCharge(idempotencyKey).catch(() => null);
    if (found) return found;
  }
  return null;
}
