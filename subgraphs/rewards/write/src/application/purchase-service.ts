import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import type { CommandResult, RequestContext } from '@crm/event-bus/kit';
import type { PurchasePostedV1 } from '@crm/event-bus/contracts/rewards';
import { evaluateOffers, periodStart, type EngineScheme } from '../domain/offer-engine';
import { fromMinor, minorOf, toMinor } from '../domain/money';
import { postPurchase, spendKey } from '../domain/post-purchase';
import { cancelPurchase } from '../domain/cancel-purchase';
import { returnPurchase } from '../domain/return-purchase';
import { derivedId } from '../domain/ids';
import { useContactToken } from '../domain/contact-token';
import type { PurchaseState } from '../domain/purchase';
import type { RewardOfferState } from '../domain/reward-offer';
import type { RewardSchemeState } from '../domain/reward-scheme';
import { purchaseAggregate, type RewardsCommands } from './rewards-commands';
import type { LedgerGateway } from './ledger-port';
import type { StepRunner } from './step-runner';

export interface SubmitPurchase {
  contact: { id: string | null; code: string | null; otp?: string | null };
  organisationId: string | null;
  currency: string | null;
  amounts: { total: string; net: string; tax: string | null; discount: string | null };
  classification: string | null;
  products: { sku: string; category: string | null; quantity: number; net: string }[];
  spendRequest: { amount: string; restrictFullyCovered: boolean } | null;
  purchasedAt: Date | null;
}

const parseDoc = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * POS purchases: identify the contact, run the offer engine, debit the spend synchronously
 * (refused → nothing posted), post the purchase with its award steps in one statement, then let
 * the step runner post the awards (retried until done). The purchase id is derived from the
 * caller's idempotency key, so a retry after a crash reuses the same ledger keys.
 */
export class PurchaseService {
  constructor(
    private readonly commands: RewardsCommands,
    private readonly ledger: LedgerGateway,
    private readonly runner: StepRunner,
    private readonly defaultCurrency: string,
    private readonly logger: Logger,
    private readonly tokenTtlSeconds = 300,
  ) {}

  /** A contact's 6-digit token for the till (the value is answered once). */
  issueToken(ctx: RequestContext, contactId: string, intent: string, spendAmount: string | null) {
    return this.commands.issueToken(ctx, { contactId, intent, spendAmount, currency: this.defaultCurrency, ttlSeconds: this.tokenTtlSeconds });
  }

  private get db() {
    return this.commands.dataSource;
  }

  async submit(ctx: RequestContext, input: SubmitPurchase, idempotencyKey: string | null): Promise<CommandResult<PurchaseState>> {
    const tenantId = ctx.tenantId;
    const id = idempotencyKey ? derivedId(tenantId, 'purchase', idempotencyKey) : newId();
    const existing = await purchaseAggregate.store.findById(this.db, tenantId, id);
    if (existing)
      return { state: existing, events: [], consistency: { aggregateType: purchaseAggregate.type, aggregateId: id, version: existing.version } };

    const currency = (input.currency ?? this.defaultCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currency_code', 'must be an ISO-4217 code', 'INVALID_VALUE');
    const net = toMinor(input.amounts.net, currency, 'transaction_amounts.net');
    const total = toMinor(input.amounts.total, currency, 'transaction_amounts.total');
    if (net > total) throw AppError.validation('transaction_amounts.net', 'must not exceed the total', 'INVALID_VALUE');
    if (input.amounts.tax !== null) toMinor(input.amounts.tax, currency, 'transaction_amounts.tax');
    if (input.amounts.discount !== null) toMinor(input.amounts.discount, currency, 'transaction_amounts.discount');
    const products = input.products.map((p, i) => {
      if (!p.sku.trim()) throw AppError.validation(`products.${i}.product_sku`, 'must not be empty', 'REQUIRED');
      if (!Number.isInteger(p.quantity) || p.quantity < 1)
        throw AppError.validation(`products.${i}.quantity`, 'must be a positive integer', 'INVALID_VALUE');
      return {
        sku: p.sku.trim(),
        category: p.category?.trim() || null,
        quantity: p.quantity,
        net: fromMinor(toMinor(p.net, currency, `products.${i}.net_amount`), currency),
      };
    });

    let contactId: string | null;
    let spendRequest = input.spendRequest;
    if (input.contact.otp) {
      // a contact token: names the contact and, for SPEND, the spend it agreed to; used once
      const token = await this.commands.tokenByValue(tenantId, input.contact.otp);
      if (!token) throw AppError.validation('contact.otp', 'no live token has this value', 'INVALID_VALUE');
      await this.commands.tokens.run(ctx, { create: false, ref: token.id }, (s, now) => useContactToken(s, { purchaseId: id }, now));
      contactId = token.contactId;
      if (!spendRequest && token.spendAmount) spendRequest = { amount: token.spendAmount, restrictFullyCovered: true };
    } else {
      const contactRef = input.contact.id ?? input.contact.code;
      if (!contactRef) throw AppError.validation('contact', 'identify the contact by id, code or otp', 'REQUIRED');
      contactId = await this.call(() => this.ledger.contactId(tenantId, contactRef));
      if (!contactId) throw AppError.notFound('contact', contactRef);
    }
    const spendAmount = spendRequest ? toMinor(spendRequest.amount, currency, 'spend_request.amount') : 0n;

    const at = input.purchasedAt ?? new Date();
    const engine = await this.evaluate(tenantId, contactId, {
      currency,
      net,
      organisationId: input.organisationId,
      classification: input.classification?.trim() || null,
      products: products.map((p) => ({ ...p, net: minorOf(p.net, currency) })),
      at,
      tier: null,
    });

    let spend: PurchasePostedV1['data']['spend'] = null;
    if (spendRequest) {
      const requested = fromMinor(spendAmount, currency);
      if (spendAmount === 0n) spend = { requested, spent: requested, transactionId: null };
      else {
        const debit = await this.call(() =>
          this.ledger.debit(tenantId, spendKey(id), {
            account: { contactId, pocket: 'OPEN', commercePoolId: null },
            amount: requested,
            currency,
            type: 'SPEND',
            destination: 'REVENUE',
            reference: `purchase:${id}`,
          }),
        );
        if (debit.ok) spend = { requested, spent: requested, transactionId: debit.transactionId };
        else if (debit.reason === 'INSUFFICIENT_FUNDS') {
          if (spendRequest.restrictFullyCovered) {
            throw AppError.validation('spend_request.amount', 'the wallet balance does not cover the spend', 'SPEND_NOT_COVERED');
          }
          spend = { requested, spent: fromMinor(0n, currency), transactionId: null };
        } else throw AppError.validation('spend_request', `the ledger refused the spend: ${debit.message}`, 'INVALID_VALUE');
      }
    }

    const reference = await this.nextReference();
    const result = await this.commands.purchases.run(ctx, { create: true, id }, (s) =>
      postPurchase(s, {
        purchaseId: id,
        referenceNumber: reference,
        contactId,
        organisationId: input.organisationId,
        currency,
        amounts: {
          total: fromMinor(total, currency),
          net: fromMinor(net, currency),
          tax: input.amounts.tax === null ? null : fromMinor(toMinor(input.amounts.tax, currency, 'tax'), currency),
          discount: input.amounts.discount === null ? null : fromMinor(toMinor(input.amounts.discount, currency, 'discount'), currency),
        },
        classification: input.classification?.trim() || null,
        products,
        spend,
        engine,
        purchasedAt: at,
      }),
    );
    this.runner.kick(tenantId, id);
    return result;
  }

  async action(
    ctx: RequestContext,
    ref: string,
    action: { type: 'CANCEL' } | { type: 'RETURN'; net: string },
  ): Promise<CommandResult<PurchaseState>> {
    const id = canonicalId(ref);
    const existing = id ? await purchaseAggregate.store.findById(this.db, ctx.tenantId, id) : null;
    if (!existing) throw AppError.notFound('purchase', ref);
    const result = await this.commands.purchases.run(ctx, { create: false, ref: existing.id }, (s) =>
      action.type === 'CANCEL' ? cancelPurchase(s) : returnPurchase(s, { net: action.net }),
    );
    this.runner.kick(ctx.tenantId, existing.id);
    return result;
  }

  /** Runs the offer engine over the tenant's active offers, the contact's schemes and what each capped offer already awarded in its period. */
  private async evaluate(tenantId: string, contactId: string, facts: Parameters<typeof evaluateOffers>[0]['facts']) {
    const docs = (await this.db.query(
      `SELECT type, state FROM reward_aggregates WHERE tenant_id = $1 AND ((type = 'reward_offer' AND life_cycle = 'ACTIVE') OR type = 'reward_scheme'
         OR (type = 'reward_membership' AND contact_id = $2 AND life_cycle = 'ACTIVE'))`,
      [tenantId, contactId],
    )) as { type: string; state: unknown }[];
    // REFER offers award the referrer of a new contact (giving/), never a purchase
    const offers = docs
      .filter((d) => d.type === 'reward_offer')
      .map((d) => parseDoc<RewardOfferState>(d.state))
      .filter((o) => o.type !== 'REFER');
    const schemes = docs.filter((d) => d.type === 'reward_scheme').map((d) => parseDoc<RewardSchemeState>(d.state));
    const memberOf = new Set(docs.filter((d) => d.type === 'reward_membership').map((d) => parseDoc<{ schemeId: string }>(d.state).schemeId));
    for (const s of schemes) if (s.signUpOption === 'AUTO_SIGN_UP') memberOf.add(s.id);
    const awarded = await this.awardedInPeriods(tenantId, contactId, offers, facts.at);
    return evaluateOffers({
      facts,
      offers,
      schemes: schemes.map((s): EngineScheme => ({ id: s.id, state: s.state, resolution: s.resolution })),
      memberOf,
      awardedInPeriod: (offerId) => awarded.get(offerId) ?? 0n,
    });
  }

  /** Per capped offer: the awards of the contact's non-cancelled purchases since its period started, net of clawbacks. */
  private async awardedInPeriods(tenantId: string, contactId: string, offers: RewardOfferState[], at: Date): Promise<Map<string, bigint>> {
    const capped = offers.filter((o) => o.caps.perContact);
    const out = new Map<string, bigint>();
    if (capped.length === 0) return out;
    const since = new Date(Math.min(...capped.map((o) => periodStart(at, o.caps.perContact!.period).getTime())));
    const rows = (await this.db.query(
      `SELECT state FROM reward_aggregates WHERE tenant_id = $1 AND type = 'purchase' AND contact_id = $2 AND life_cycle = 'POSTED' AND occurred_at >= $3`,
      [tenantId, contactId, since],
    )) as { state: unknown }[];
    for (const offer of capped) {
      const start = periodStart(at, offer.caps.perContact!.period).getTime();
      let sum = 0n;
      for (const row of rows) {
        const p = parseDoc<PurchaseState>(row.state);
        if (new Date(p.purchasedAt).getTime() < start) continue;
        for (const s of p.steps) {
          if (s.offerId !== offer.id) continue;
          if (s.kind === 'AWARD') sum += minorOf(s.amount, s.currency);
          if (s.kind === 'CLAWBACK') sum -= minorOf(s.amount, s.currency);
        }
      }
      out.set(offer.id, sum);
    }
    return out;
  }

  private async nextReference(): Promise<string> {
    const rows = (await this.db.query(`SELECT nextval('purchase_reference_seq') AS n`)) as { n: string | number }[];
    return `P${String(rows[0]!.n).padStart(7, '0')}`;
  }

  /** A gateway call: transport failures become UNAVAILABLE (the caller retries with the same key). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.logger.warn({ err }, 'rewards: a call through the gateway failed');
      throw new AppError('UNAVAILABLE', 'the ledger is not reachable; retry with the same idempotency key', { reason: 'LEDGER_UNAVAILABLE' });
    }
  }
}
