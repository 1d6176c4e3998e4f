import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import {
  DONATION_AGGREGATE,
  DONATION_OFFER_AGGREGATE,
  DONATION_OPT_IN_AGGREGATE,
  REFERRAL_AGGREGATE,
  REFERRAL_INVITATION_AGGREGATE,
} from '@crm/event-bus/contracts/rewards';
import { documentStore } from '../../persistence/document-store';
import { derivedId } from '../../domain/ids';
import type { RewardOfferState } from '../../domain/reward-offer';
import type { RewardSchemeState } from '../../domain/reward-scheme';
import { completeReferralAward, evolveReferral, pendingAwards, recordReferral, type ReferralChange, type ReferralState } from '../domain/referral';
import { referralAwards } from '../domain/referral-awards';
import {
  evolveInvitation,
  pendingDeliveries,
  recordDelivery,
  sendInvitations,
  type ReferralInvitationChange,
  type ReferralInvitationState,
} from '../domain/invitation';
import {
  createDonationOffer,
  evolveDonationOffer,
  setDonationOfferState,
  type DonationOfferChange,
  type DonationOfferDefinition,
  type DonationOfferState,
} from '../domain/donation-offer';
import {
  changeTerms,
  evolveOptIn,
  optIn,
  optOut,
  type DonationOptInChange,
  type DonationOptInState,
  type DonationTerms,
} from '../domain/donation-opt-in';
import {
  completeDonation,
  donationAmount,
  evolveDonation,
  makeDonation,
  recordReversal,
  requestReversal,
  termedPeriodsDue,
  type DonationChange,
  type DonationState,
} from '../domain/donation';
import type { GivingLedger } from './giving-ledger';
import type { ReferralCodes } from '../persistence/referral-codes';

const conflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });
const duplicateInsert = (err: unknown) => (err as { code?: string })?.code === '23505';
const parseDoc = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const referralAggregate: AggregateDefinition<ReferralState, ReferralChange> = {
  type: REFERRAL_AGGREGATE,
  evolve: evolveReferral,
  store: documentStore<ReferralState>(REFERRAL_AGGREGATE, (s) => ({
    contactId: s.referrerId,
    lifeCycle: 'RECORDED',
    pending: pendingAwards(s).length > 0,
    occurredAt: s.createdAt,
  })),
  versionConflict: conflict('referral'),
  retryable: duplicateInsert,
};

export const invitationAggregate: AggregateDefinition<ReferralInvitationState, ReferralInvitationChange> = {
  type: REFERRAL_INVITATION_AGGREGATE,
  evolve: evolveInvitation,
  store: documentStore<ReferralInvitationState>(REFERRAL_INVITATION_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: 'SENT',
    pending: pendingDeliveries(s).length > 0,
    occurredAt: s.createdAt,
  })),
  versionConflict: conflict('referral invitation'),
};

export const donationOfferAggregate: AggregateDefinition<DonationOfferState, DonationOfferChange> = {
  type: DONATION_OFFER_AGGREGATE,
  evolve: evolveDonationOffer,
  store: documentStore<DonationOfferState>(DONATION_OFFER_AGGREGATE, (s) => ({
    contactId: null,
    lifeCycle: s.state,
    pending: false,
    occurredAt: null,
  })),
  versionConflict: conflict('donation offer'),
};

export const optInAggregate: AggregateDefinition<DonationOptInState, DonationOptInChange> = {
  type: DONATION_OPT_IN_AGGREGATE,
  evolve: evolveOptIn,
  store: documentStore<DonationOptInState>(DONATION_OPT_IN_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: s.optedIn ? 'ACTIVE' : 'INACTIVE',
    pending: false,
    occurredAt: s.optedInAt,
  })),
  versionConflict: conflict('donation'),
  retryable: duplicateInsert,
};

export const donationAggregate: AggregateDefinition<DonationState, DonationChange> = {
  type: DONATION_AGGREGATE,
  evolve: evolveDonation,
  store: documentStore<DonationState>(DONATION_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: s.reversal === 'REVERSED' ? 'REVERSED' : (s.outcome ?? 'PENDING'),
    pending: s.outcome === null || s.reversal === 'PENDING',
    occurredAt: s.createdAt,
  })),
  versionConflict: conflict('donation'),
  retryable: duplicateInsert,
};

/** The id of a contact's opt-in to an offer (one per pair). */
export const optInId = (tenantId: string, contactId: string, offerId: string) => derivedId(tenantId, 'donation-opt-in', contactId, offerId);
/** The id of the referral of a referred contact (one per contact: a contact is referred once). */
export const referralId = (tenantId: string, referredId: string) => derivedId(tenantId, 'referral', referredId);

const SERVICE_CTX = (tenantId: string, what: string): RequestContext => ({
  tenantId,
  correlationId: what,
  actor: { kind: 'service', id: 'rewards-write' },
});

/**
 * Referrals and donations of the rewards domain: the commands, and the process that moves their
 * value through the ledger exactly once — each referral award and each donation is a row whose id
 * is derived from what it is for (the referred contact; the purchase or month and the opt-in),
 * posted with that id as the ledger's idempotency key and retried until its outcome is recorded.
 */
export class GivingService {
  readonly referrals: CommandHandler<ReferralState, ReferralChange>;
  readonly invitations: CommandHandler<ReferralInvitationState, ReferralInvitationChange>;
  readonly offers: CommandHandler<DonationOfferState, DonationOfferChange>;
  readonly optIns: CommandHandler<DonationOptInState, DonationOptInChange>;
  readonly donations: CommandHandler<DonationState, DonationChange>;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly ledger: GivingLedger,
    private readonly codes: ReferralCodes,
    private readonly logger: Logger,
    private readonly pollMs: number,
    private readonly contactExists: (tenantId: string, contactId: string) => Promise<boolean>,
  ) {
    this.referrals = new CommandHandler(dataSource, registry, referralAggregate, onCommitted);
    this.invitations = new CommandHandler(dataSource, registry, invitationAggregate, onCommitted);
    this.offers = new CommandHandler(dataSource, registry, donationOfferAggregate, onCommitted);
    this.optIns = new CommandHandler(dataSource, registry, optInAggregate, onCommitted);
    this.donations = new CommandHandler(dataSource, registry, donationAggregate, onCommitted);
  }

  // ---- referrals

  /**
   * The referred contact registered with `code`: the referral is recorded once per referred contact
   * (the same code again answers the same referral; another code is refused) and the referrer's
   * awards are posted now, or by the poll if the ledger cannot be reached.
   */
  async refer(ctx: RequestContext, referredId: string, rawCode: string): Promise<CommandResult<ReferralState>> {
    const code = rawCode.trim();
    if (!code) throw AppError.validation('code', 'must not be empty', 'REQUIRED');
    if (code.length > 32) throw AppError.validation('code', 'must be at most 32 characters', 'TOO_LONG');
    const referrerId = await this.codes.referrerOf(ctx.tenantId, code);
    if (!referrerId) throw AppError.notFound('referral code', code);
    const id = referralId(ctx.tenantId, referredId);
    const existing = await referralAggregate.store.findById(this.dataSource, ctx.tenantId, id);
    if (existing) {
      if (existing.referrerId === referrerId)
        return { state: existing, events: [], consistency: { aggregateType: REFERRAL_AGGREGATE, aggregateId: id, version: existing.version } };
      throw AppError.validation('code', 'this contact has already been referred', 'ALREADY_REFERRED');
    }
    if (referrerId === referredId) throw AppError.validation('code', 'a contact cannot use its own referral code', 'SELF_REFERRAL');
    if (!(await this.contactExists(ctx.tenantId, referredId))) throw AppError.notFound('contact', referredId);
    const awards = await this.awardsFor(ctx.tenantId, id, referrerId, new Date());
    const result = await this.referrals.run(ctx, { create: true, id }, (s) => recordReferral(s, { referrerId, referredId, code, awards }));
    void this.settleReferral(ctx.tenantId, id).catch((err) =>
      this.logger.warn({ err, referralId: id }, 'rewards: a referral award is left to the poll'),
    );
    return result;
  }

  private async awardsFor(tenantId: string, id: string, referrerId: string, at: Date) {
    const docs = (await this.dataSource.query(
      `SELECT type, state FROM reward_aggregates WHERE tenant_id = $1 AND ((type = 'reward_offer' AND life_cycle = 'ACTIVE') OR type = 'reward_scheme'
         OR (type = 'reward_membership' AND contact_id = $2 AND life_cycle = 'ACTIVE'))`,
      [tenantId, referrerId],
    )) as { type: string; state: unknown }[];
    const offers = docs.filter((d) => d.type === 'reward_offer').map((d) => parseDoc<RewardOfferState>(d.state));
    const schemes = docs.filter((d) => d.type === 'reward_scheme').map((d) => parseDoc<RewardSchemeState>(d.state));
    const memberOf = new Set(docs.filter((d) => d.type === 'reward_membership').map((d) => parseDoc<{ schemeId: string }>(d.state).schemeId));
    for (const s of schemes) if (s.signUpOption === 'AUTO_SIGN_UP') memberOf.add(s.id);
    return referralAwards({
      referralId: id,
      offers,
      schemes: schemes.map((s) => ({ id: s.id, state: s.state, resolution: s.resolution })),
      memberOf,
      at,
    });
  }

  /** Records the invitations, then hands each to communications (now, or by the poll), once per recipient. */
  async invite(ctx: RequestContext, contactId: string, action: string, recipients: string[]) {
    const result = await this.invitations.run(ctx, { create: true, id: newId() }, (s) => sendInvitations(s, { contactId, action, recipients }));
    void this.settleInvitation(ctx.tenantId, result.state.id).catch((err) =>
      this.logger.warn({ err, invitationId: result.state.id }, 'rewards: referral invitations are left to the poll'),
    );
    return result;
  }

  /** Hands each pending invitation to communications (key `referral-invitation:<id>:<n>`), recording its outcome once. */
  async settleInvitation(tenantId: string, id: string): Promise<void> {
    const ctx = SERVICE_CTX(tenantId, `referral-invitation:${id}`);
    const inv = await invitationAggregate.store.findById(this.dataSource, tenantId, id);
    if (!inv) return;
    const code = await this.codes.codeOf(tenantId, inv.contactId);
    for (const index of pendingDeliveries(inv)) {
      const r = inv.recipients[index]!;
      const out = code
        ? await this.ledger.invite(tenantId, `referral-invitation:${id}:${index}`, { channel: r.channel, recipient: r.address, code })
        : ({ ok: false, reason: 'NO_REFERRAL_CODE' } as const);
      await this.invitations.run(ctx, { create: false, ref: id }, (s) =>
        recordDelivery(
          s,
          out.ok
            ? { index, outcome: 'SENT', communicationId: out.communicationId, reason: null }
            : { index, outcome: 'FAILED', communicationId: null, reason: out.reason },
        ),
      );
    }
  }

  // ---- donation offers and opt-ins

  donationOffer(tenantId: string, id: string): Promise<DonationOfferState | null> {
    return donationOfferAggregate.store.findById(this.dataSource, tenantId, id);
  }

  createDonationOffer(ctx: RequestContext, cmd: DonationOfferDefinition, key: string | null) {
    const idem = key ? { scope: 'rewards.donation_offer.create', key, request: cmd } : null;
    return this.offers.run(ctx, { create: true, id: null }, (s) => createDonationOffer(s, cmd), idem);
  }

  async setDonationOfferState(ctx: RequestContext, id: string, state: string) {
    if (!(await this.donationOffer(ctx.tenantId, id))) throw AppError.notFound('donation offer', id);
    return this.offers.run(ctx, { create: false, ref: id }, (s) => setDonationOfferState(s, state));
  }

  async optIn(ctx: RequestContext, contactId: string, offerRef: string, terms: DonationTerms) {
    const offerId = canonicalId(offerRef);
    const offer = offerId ? await this.donationOffer(ctx.tenantId, offerId) : null;
    if (!offer) throw AppError.validation('donation_offer_id', 'no such donation offer', 'INVALID_VALUE');
    if (!(await this.contactExists(ctx.tenantId, contactId))) throw AppError.notFound('contact', contactId);
    const id = optInId(ctx.tenantId, contactId, offer.id);
    const existing = await optInAggregate.store.findById(this.dataSource, ctx.tenantId, id);
    return this.optIns.run(ctx, existing ? { create: false, ref: id } : { create: true, id }, (s, now) =>
      optIn(s, offer, { contactId, ...terms }, now),
    );
  }

  /** The contact's opt-in by id; another contact's is not found. */
  private async ownOptIn(tenantId: string, contactId: string, ref: string): Promise<DonationOptInState> {
    const id = canonicalId(ref);
    const found = id ? await optInAggregate.store.findById(this.dataSource, tenantId, id) : null;
    if (!found || found.contactId !== contactId || !found.optedIn) throw AppError.notFound('donation', ref);
    return found;
  }

  async changeTerms(ctx: RequestContext, contactId: string, ref: string, offerRef: string, terms: DonationTerms) {
    const current = await this.ownOptIn(ctx.tenantId, contactId, ref);
    const offer = await this.donationOffer(ctx.tenantId, current.offerId);
    return this.optIns.run(ctx, { create: false, ref: current.id }, (s) =>
      changeTerms(s, offer, { ...terms, offerId: canonicalId(offerRef) ?? offerRef }),
    );
  }

  async optOut(ctx: RequestContext, contactId: string, ref: string) {
    const current = await this.ownOptIn(ctx.tenantId, contactId, ref);
    return this.optIns.run(ctx, { create: false, ref: current.id }, (s, now) => optOut(s, now));
  }

  // ---- the process: posting awards and donations once

  start(): this {
    this.stopped = false;
    this.schedule();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped || this.pollMs <= 0) return;
    this.timer = setTimeout(() => {
      this.running = this.pollOnce()
        .catch((err) => this.logger.warn({ err }, 'rewards: giving poll failed'))
        .finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref?.();
  }

  /** One round: donations now due are made, then every pending award and donation is posted. Returns how many were settled. */
  async pollOnce(now = new Date()): Promise<number> {
    await this.makeDueDonations(now);
    await this.reverseCancelled();
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, type, id FROM reward_aggregates WHERE pending AND type IN ('referral', 'donation', 'referral_invitation') ORDER BY updated_at LIMIT 200`,
    )) as { tenant_id: string; type: string; id: string }[];
    let settled = 0;
    for (const r of rows) {
      try {
        if (r.type === 'referral') await this.settleReferral(r.tenant_id, r.id);
        else if (r.type === 'referral_invitation') await this.settleInvitation(r.tenant_id, r.id);
        else await this.settleDonation(r.tenant_id, r.id);
        settled++;
      } catch (err) {
        this.logger.warn({ err, id: r.id, type: r.type }, 'rewards: posting a referral award or donation failed; retried next round');
      }
    }
    return settled;
  }

  /** Posts each pending award of a referral (key: the award's), recording its outcome once. */
  async settleReferral(tenantId: string, id: string): Promise<void> {
    const ctx = SERVICE_CTX(tenantId, `referral:${id}`);
    for (;;) {
      const r = await referralAggregate.store.findById(this.dataSource, tenantId, id);
      const award = r ? pendingAwards(r)[0] : undefined;
      if (!r || !award) return;
      const out = await this.ledger.award(tenantId, award.key, {
        contactId: r.referrerId,
        commercePoolId: award.commercePoolId,
        amount: award.amount,
        currency: award.currency,
        expiresAt: award.expiresAt,
        reference: `referral:${id}`,
      });
      if (!out.ok && retriable(out.reason)) throw new Error(`ledger: ${out.reason}`);
      await this.referrals.run(ctx, { create: false, ref: id }, (s) =>
        completeReferralAward(s, { key: award.key, outcome: out.ok ? 'POSTED' : 'DECLINED', transactionId: out.ok ? out.transactionId : null }),
      );
    }
  }

  /** Debits one pending donation from the contact's wallet (key `donation:<id>`); a wallet that cannot cover it declines it (nothing moves). */
  async settleDonation(tenantId: string, id: string): Promise<void> {
    const d = await donationAggregate.store.findById(this.dataSource, tenantId, id);
    if (!d) return;
    const ctx = SERVICE_CTX(tenantId, `donation:${id}`);
    if (d.outcome === 'POSTED' && d.reversal === 'PENDING') {
      const back = await this.ledger.reverse(
        tenantId,
        `donation:${id}:reverse`,
        d.transactionId!,
        `donation to ${d.organisation.name} given back: purchase cancelled`,
      );
      if (!back.ok && retriable(back.reason)) throw new Error(`ledger: ${back.reason}`);
      if (!back.ok) this.logger.warn({ donationId: id, reason: back.reason }, 'rewards: the ledger refused to give a donation back');
      await this.donations.run(ctx, { create: false, ref: id }, (s) => recordReversal(s, back.ok ? back.transactionId : null));
      return;
    }
    if (d.outcome !== null) return;
    if (d.purchaseId && (await this.purchaseCancelled(tenantId, d.purchaseId))) {
      await this.donations.run(ctx, { create: false, ref: id }, (s) =>
        completeDonation(s, { outcome: 'DECLINED', transactionId: null, reason: 'PURCHASE_CANCELLED' }),
      );
      return;
    }
    const zero = Number(d.amount) === 0;
    const out = zero
      ? ({ ok: false, reason: 'NOTHING_TO_GIVE', message: '' } as const)
      : await this.ledger.donate(tenantId, `donation:${id}`, {
          contactId: d.contactId,
          amount: d.amount,
          currency: d.currency,
          reference: `donation:${id}`,
          notes: `donation to ${d.organisation.name} (${d.offerName})`,
        });
    if (!out.ok && retriable(out.reason)) throw new Error(`ledger: ${out.reason}`);
    await this.donations.run(ctx, { create: false, ref: id }, (s) =>
      completeDonation(
        s,
        out.ok
          ? { outcome: 'POSTED', transactionId: out.transactionId, reason: null }
          : { outcome: 'DECLINED', transactionId: null, reason: out.reason },
      ),
    );
  }

  /**
   * Makes the donations now due, each once (derived id): for every active opt-in, one per POSTED
   * purchase of the contact since it opted in (PER_TRANSACTION, VARIABLE), or one per month since
   * the opt-in (TERMED).
   */
  async makeDueDonations(now: Date): Promise<number> {
    const perPurchase = (await this.dataSource.query(
      `SELECT o.tenant_id, o.id AS opt_in_id, p.id AS purchase_id, p.state->'amounts'->>'net' AS net, p.state->>'currency' AS currency
         FROM reward_aggregates o
         JOIN reward_aggregates f ON f.tenant_id = o.tenant_id AND f.type = 'donation_offer' AND f.id::text = o.state->>'offerId'
              AND f.state->>'donationType' IN ('PER_TRANSACTION', 'VARIABLE')
         JOIN reward_aggregates p ON p.tenant_id = o.tenant_id AND p.type = 'purchase' AND p.contact_id = o.contact_id AND p.life_cycle = 'POSTED'
              AND p.created_at >= (o.state->>'optedInAt')::timestamptz
        WHERE o.type = 'donation_opt_in' AND o.life_cycle = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM reward_aggregates d WHERE d.tenant_id = o.tenant_id AND d.type = 'donation' AND d.contact_id = o.contact_id
                            AND d.state->>'optInId' = o.id::text AND d.state->>'purchaseId' = p.id::text)
        ORDER BY p.created_at LIMIT 200`,
    )) as { tenant_id: string; opt_in_id: string; purchase_id: string; net: string; currency: string }[];
    let made = 0;
    for (const r of perPurchase) {
      made += await this.makeOne(r.tenant_id, r.opt_in_id, { purchaseId: r.purchase_id, net: r.net, currency: r.currency, period: null });
    }
    const termed = (await this.dataSource.query(
      `SELECT o.tenant_id, o.id AS opt_in_id, o.state->>'optedInAt' AS opted_in_at
         FROM reward_aggregates o
         JOIN reward_aggregates f ON f.tenant_id = o.tenant_id AND f.type = 'donation_offer' AND f.id::text = o.state->>'offerId' AND f.state->>'donationType' = 'TERMED'
        WHERE o.type = 'donation_opt_in' AND o.life_cycle = 'ACTIVE' LIMIT 1000`,
    )) as { tenant_id: string; opt_in_id: string; opted_in_at: string }[];
    for (const r of termed) {
      for (const period of termedPeriodsDue(new Date(r.opted_in_at), now)) {
        const id = derivedId(r.tenant_id, 'donation', r.opt_in_id, `period:${period}`);
        if (await donationAggregate.store.findById(this.dataSource, r.tenant_id, id)) continue;
        made += await this.makeOne(r.tenant_id, r.opt_in_id, { purchaseId: null, net: null, currency: null, period });
      }
    }
    return made;
  }

  private async purchaseCancelled(tenantId: string, purchaseId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM reward_aggregates WHERE tenant_id = $1 AND type = 'purchase' AND id = $2 AND life_cycle = 'CANCELLED'`,
      [tenantId, purchaseId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Posted donations whose purchase was cancelled since: each is to be given back once. */
  async reverseCancelled(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT d.tenant_id, d.id FROM reward_aggregates d
         JOIN reward_aggregates p ON p.tenant_id = d.tenant_id AND p.type = 'purchase' AND p.id::text = d.state->>'purchaseId' AND p.life_cycle = 'CANCELLED'
        WHERE d.type = 'donation' AND d.life_cycle = 'POSTED' AND d.state->>'reversal' IS NULL LIMIT 200`,
    )) as { tenant_id: string; id: string }[];
    for (const r of rows) {
      await this.donations.run(SERVICE_CTX(r.tenant_id, `donation:${r.id}`), { create: false, ref: r.id }, (s) =>
        requestReversal(s, 'PURCHASE_CANCELLED'),
      );
    }
    return rows.length;
  }

  private async makeOne(
    tenantId: string,
    optInRef: string,
    what: { purchaseId: string | null; net: string | null; currency: string | null; period: string | null },
  ): Promise<number> {
    const o = await optInAggregate.store.findById(this.dataSource, tenantId, optInRef);
    const offer = o ? await this.donationOffer(tenantId, o.offerId) : null;
    if (!o || !o.optedIn || !offer) return 0;
    const sameCurrency = what.currency === null || what.currency === offer.currency;
    const amount = (sameCurrency ? donationAmount(offer, o, what.net) : null) ?? '0';
    const id = derivedId(tenantId, 'donation', o.id, what.purchaseId ? `purchase:${what.purchaseId}` : `period:${what.period}`);
    const r = await this.donations.run(SERVICE_CTX(tenantId, `donation:${id}`), { create: true, id }, (s) =>
      makeDonation(s, {
        contactId: o.contactId,
        optInId: o.id,
        offerId: offer.id,
        offerName: offer.name,
        organisation: offer.organisation,
        amount,
        currency: offer.currency,
        purchaseId: what.purchaseId,
        period: what.period,
      }),
    );
    return r.events.length > 0 ? 1 : 0;
  }
}

/** Ledger refusals worth retrying with the same key (the ledger or the gateway was not there); others are final. */
function retriable(reason: string): boolean {
  return reason === 'UNAVAILABLE' || reason === 'UNKNOWN' || reason === 'LEDGER_UNAVAILABLE';
}
