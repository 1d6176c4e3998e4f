import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import {
  CONTACT_TOKEN_AGGREGATE,
  PURCHASE_AGGREGATE,
  REWARD_MEMBERSHIP_AGGREGATE,
  REWARD_OFFER_AGGREGATE,
  REWARD_SCHEME_AGGREGATE,
} from '@crm/event-bus/contracts/rewards';
import { evolveRewardScheme, type RewardSchemeChange, type RewardSchemeState } from '../domain/reward-scheme';
import { createRewardScheme, setRewardSchemeState, type CreateRewardScheme } from '../domain/create-reward-scheme';
import {
  evolveRewardMembership,
  signOut,
  signUp,
  verifySignUp,
  type RewardMembershipChange,
  type RewardMembershipState,
} from '../domain/reward-membership';
import { evolveRewardOffer, type RewardOfferChange, type RewardOfferState } from '../domain/reward-offer';
import { createRewardOffer, setRewardOfferState, type CreateRewardOffer } from '../domain/create-reward-offer';
import { evolvePurchase, pendingSteps, type PurchaseChange, type PurchaseState } from '../domain/purchase';
import { derivedId } from '../domain/ids';
import { evolveContactToken, issueContactToken, tokenHash, type ContactTokenChange, type ContactTokenState } from '../domain/contact-token';
import { documentStore } from '../persistence/document-store';

const conflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });
/** A first insert racing another (same derived id): retried, the retry finds the row. */
const duplicateInsert = (err: unknown) => (err as { code?: string })?.code === '23505';

export const schemeAggregate: AggregateDefinition<RewardSchemeState, RewardSchemeChange> = {
  type: REWARD_SCHEME_AGGREGATE,
  evolve: evolveRewardScheme,
  store: documentStore<RewardSchemeState>(REWARD_SCHEME_AGGREGATE, (s) => ({
    contactId: null,
    lifeCycle: s.state,
    pending: false,
    occurredAt: null,
  })),
  versionConflict: conflict('reward scheme'),
};

export const membershipAggregate: AggregateDefinition<RewardMembershipState, RewardMembershipChange> = {
  type: REWARD_MEMBERSHIP_AGGREGATE,
  evolve: evolveRewardMembership,
  store: documentStore<RewardMembershipState>(REWARD_MEMBERSHIP_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: s.signedUp && s.verified ? 'ACTIVE' : s.signedUp ? 'PENDING' : 'INACTIVE',
    pending: false,
    occurredAt: null,
  })),
  versionConflict: conflict('membership'),
  retryable: duplicateInsert,
};

export const offerAggregate: AggregateDefinition<RewardOfferState, RewardOfferChange> = {
  type: REWARD_OFFER_AGGREGATE,
  evolve: evolveRewardOffer,
  store: documentStore<RewardOfferState>(REWARD_OFFER_AGGREGATE, (s) => ({ contactId: null, lifeCycle: s.state, pending: false, occurredAt: null })),
  versionConflict: conflict('reward offer'),
};

export const purchaseAggregate: AggregateDefinition<PurchaseState, PurchaseChange> = {
  type: PURCHASE_AGGREGATE,
  evolve: evolvePurchase,
  store: documentStore<PurchaseState>(PURCHASE_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: s.state,
    pending: pendingSteps(s).length > 0,
    occurredAt: s.purchasedAt,
  })),
  versionConflict: conflict('purchase'),
  retryable: duplicateInsert,
};

export const tokenAggregate: AggregateDefinition<ContactTokenState, ContactTokenChange> = {
  type: CONTACT_TOKEN_AGGREGATE,
  evolve: evolveContactToken,
  store: documentStore<ContactTokenState>(CONTACT_TOKEN_AGGREGATE, (s) => ({
    contactId: s.contactId,
    lifeCycle: s.usedBy ? 'USED' : 'ACTIVE',
    pending: false,
    occurredAt: s.expiresAt,
  })),
  versionConflict: conflict('contact token'),
};

/** The id of a contact's membership of a scheme (one per pair). */
export const membershipId = (tenantId: string, schemeId: string, contactId: string) => derivedId(tenantId, 'membership', schemeId, contactId);

/** Scheme, membership and offer commands on the kit's command handler; purchases have their own service. */
export class RewardsCommands {
  readonly schemes: CommandHandler<RewardSchemeState, RewardSchemeChange>;
  readonly memberships: CommandHandler<RewardMembershipState, RewardMembershipChange>;
  readonly offers: CommandHandler<RewardOfferState, RewardOfferChange>;
  readonly purchases: CommandHandler<PurchaseState, PurchaseChange>;
  readonly tokens: CommandHandler<ContactTokenState, ContactTokenChange>;

  constructor(
    readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
  ) {
    this.schemes = new CommandHandler(dataSource, registry, schemeAggregate, onCommitted);
    this.memberships = new CommandHandler(dataSource, registry, membershipAggregate, onCommitted);
    this.offers = new CommandHandler(dataSource, registry, offerAggregate, onCommitted);
    this.purchases = new CommandHandler(dataSource, registry, purchaseAggregate, onCommitted);
    this.tokens = new CommandHandler(dataSource, registry, tokenAggregate, onCommitted);
  }

  /** The live (unused, unexpired) token with this 6-digit value, if exactly one. */
  async tokenByValue(tenantId: string, value: string): Promise<ContactTokenState | null> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM reward_aggregates WHERE tenant_id = $1 AND type = 'contact_token' AND life_cycle = 'ACTIVE' AND occurred_at > now() AND state->>'valueHash' = $2 LIMIT 2`,
      [tenantId, tokenHash(tenantId, value)],
    )) as { id: string }[];
    return rows.length === 1 ? tokenAggregate.store.findById(this.dataSource, tenantId, rows[0]!.id) : null;
  }

  /** Issues a 6-digit token no live token of the tenant has; the value is answered once. */
  async issueToken(
    ctx: RequestContext,
    cmd: { contactId: string; intent: string; spendAmount: string | null; currency: string; ttlSeconds: number },
  ) {
    for (let attempt = 0; ; attempt++) {
      const value = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if ((await this.tokenByValue(ctx.tenantId, value)) && attempt < 10) continue;
      const result = await this.tokens.run(ctx, { create: true, id: null }, (s, now) =>
        issueContactToken(s, { ...cmd, tenantId: ctx.tenantId, value }, now),
      );
      return { result, value };
    }
  }

  scheme(tenantId: string, id: string): Promise<RewardSchemeState | null> {
    return schemeAggregate.store.findById(this.dataSource, tenantId, id);
  }

  createScheme(ctx: RequestContext, cmd: CreateRewardScheme, key: string | null): Promise<CommandResult<RewardSchemeState>> {
    const idem = key ? { scope: 'rewards.scheme.create', key, request: cmd } : null;
    return this.schemes.run(ctx, { create: true, id: null }, (s) => createRewardScheme(s, cmd), idem);
  }

  async setSchemeState(ctx: RequestContext, id: string, state: string): Promise<CommandResult<RewardSchemeState>> {
    await this.mustExist(this.scheme(ctx.tenantId, id), 'reward scheme', id);
    return this.schemes.run(ctx, { create: false, ref: id }, (s) => setRewardSchemeState(s, state));
  }

  /** Signs a contact up; for a closed loop the answer carries the verification code (sent to the contact's email, never stored in clear). */
  async signUp(ctx: RequestContext, schemeId: string, contactId: string, emailAddress: string | null) {
    const scheme = await this.scheme(ctx.tenantId, schemeId);
    if (!scheme) throw AppError.notFound('reward scheme', schemeId);
    const id = membershipId(ctx.tenantId, scheme.id, contactId);
    const code = `${id.replace(/-/g, '')}${randomBytes(12).toString('hex')}`;
    const existing = await membershipAggregate.store.findById(this.dataSource, ctx.tenantId, id);
    const result = await this.memberships.run(ctx, existing ? { create: false, ref: id } : { create: true, id }, (s) =>
      signUp(s, scheme, { contactId, emailAddress, verificationCode: code }),
    );
    const pending = !result.state.verified && result.events.length > 0;
    return { result, verificationCode: pending ? code : null };
  }

  async signOut(ctx: RequestContext, schemeId: string, contactId: string) {
    const id = membershipId(ctx.tenantId, schemeId, contactId);
    const existing = await membershipAggregate.store.findById(this.dataSource, ctx.tenantId, id);
    if (!existing) throw AppError.validation('reward_scheme_id', 'the contact is not signed up to this scheme', 'NOT_SIGNED_UP');
    return this.memberships.run(ctx, { create: false, ref: id }, (s) => signOut(s));
  }

  /** Verifies a closed-loop sign-up by its code (the code names its membership). A contact verifies only its own. */
  async verify(ctx: RequestContext, code: string, contactId: string | null) {
    const hex = /^[0-9a-f]{32}[0-9a-f]{24}$/.test(code) ? code.slice(0, 32) : null;
    const existing = hex ? await membershipAggregate.store.findById(this.dataSource, ctx.tenantId, hex) : null;
    if (!existing || (contactId !== null && existing.contactId !== contactId)) {
      throw AppError.validation('sign_up_code', 'no pending sign-up has this code', 'INVALID_SIGN_UP_CODE');
    }
    return this.memberships.run(ctx, { create: false, ref: existing.id }, (s) => verifySignUp(s, code));
  }

  async createOffer(ctx: RequestContext, cmd: CreateRewardOffer, key: string | null): Promise<CommandResult<RewardOfferState>> {
    const scheme = await this.scheme(ctx.tenantId, cmd.schemeId);
    const idem = key ? { scope: 'rewards.offer.create', key, request: cmd } : null;
    return this.offers.run(ctx, { create: true, id: null }, (s) => createRewardOffer(s, scheme, cmd), idem);
  }

  async setOfferState(ctx: RequestContext, id: string, state: string): Promise<CommandResult<RewardOfferState>> {
    await this.mustExist(offerAggregate.store.findById(this.dataSource, ctx.tenantId, id), 'reward offer', id);
    return this.offers.run(ctx, { create: false, ref: id }, (s) => setRewardOfferState(s, state));
  }

  private async mustExist<T>(p: Promise<T | null>, what: 'reward scheme' | 'reward offer' | 'purchase', id: string): Promise<T> {
    const found = await p;
    if (!found) throw AppError.notFound(what, id);
    return found;
  }
}
