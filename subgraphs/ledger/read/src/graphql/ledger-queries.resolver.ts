import type { DataSource } from 'typeorm';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { SELF } from '@crm/platform/auth';
import { Authorized, waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import {
  COMMERCE_POOL_AGGREGATE,
  formatMinor,
  LEDGER_ACCOUNT_AGGREGATE,
  LEDGER_LIMITS_AGGREGATE,
  WALLET_AGGREGATE,
  type WalletLimitRule as LimitRuleData,
} from '@crm/event-bus/contracts/ledger';
import { type AccountView, type CommercePoolView, type JournalView, LedgerViews, type WalletView } from '../persistence/ledger-views';
import {
  CommercePool,
  CommercePoolPage,
  Contact,
  LedgerTotal,
  WalletLimitRule,
  LedgerAccount,
  LedgerJournalEntry,
  LedgerJournalFilter,
  LedgerJournalPage,
  Wallet,
  WalletLot,
  WalletPage,
  WalletTotal,
} from './types';

/** Read-side queries over the read models, honouring consistency tokens (wallet and ledger-account tokens). */
export class LedgerQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  views(tenantId: string): LedgerViews {
    return new LedgerViews(this.dataSource.manager, tenantId);
  }

  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const views = this.views(tenantId);
    const types = [WALLET_AGGREGATE, LEDGER_ACCOUNT_AGGREGATE, COMMERCE_POOL_AGGREGATE, LEDGER_LIMITS_AGGREGATE];
    const wanted = tokens.filter((t) => types.includes(t.aggregateType));
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => views.appliedVersion(t.aggregateType, t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

const account = (a: AccountView, asOf: bigint | null = null): LedgerAccount => ({
  id: a.id,
  kind: a.kind,
  walletId: a.walletId,
  contactId: a.contactId,
  pocket: a.pocket,
  commercePoolId: a.commercePoolId,
  systemAccount: a.systemAccount,
  currency: a.currency,
  name: a.name,
  isPrimary: a.isPrimary,
  balance: formatMinor(asOf ?? a.balance, a.currency),
  blocked: asOf === null ? formatMinor(a.blocked, a.currency) : null,
  available: asOf === null ? formatMinor(a.available, a.currency) : null,
  createdAt: a.createdAt,
  classificationId: a.details.classificationId,
  billingAddressId: a.details.billingAddressId,
  paymentTermsId: a.details.paymentTermsId,
  creditLimit: formatMinor(a.details.creditLimit, a.currency),
});

const limitRule = (r: LimitRuleData): WalletLimitRule => ({ ...r, appliesFor: [...r.appliesFor] });

export const commercePool = (p: CommercePoolView): CommercePool => ({
  ...p,
  validFrom: p.validFrom ? new Date(p.validFrom) : null,
  validTo: p.validTo ? new Date(p.validTo) : null,
});

export const journalEntry = (j: JournalView): LedgerJournalEntry => ({
  transactionId: j.transactionId,
  accountId: j.accountId,
  walletId: j.walletId,
  contactId: j.contactId,
  type: j.type,
  entry: j.amount > 0n ? 'CREDIT' : 'DEBIT',
  amount: formatMinor(j.amount < 0n ? -j.amount : j.amount, j.currency),
  currency: j.currency,
  balanceAfter: formatMinor(j.balanceAfter, j.currency),
  postedAt: j.postedAt,
  notes: j.notes,
  reference: j.reference,
  reversesTransactionId: j.reversesTransactionId,
});

function checkAsOf(asOf: Date | null | undefined): Date | null {
  if (!asOf) return null;
  if (Number.isNaN(asOf.getTime())) throw AppError.validation('asOf', 'must be an instant', 'INVALID_DATE');
  return asOf;
}

function page(first: number | null | undefined, offset: number | null | undefined): { limit: number; offset: number } {
  const limit = first ?? 20;
  if (limit < 1 || limit > 100) throw AppError.validation('first', 'must be 1 to 100', 'INVALID_PAGE_SIZE');
  if ((offset ?? 0) < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
  return { limit, offset: offset ?? 0 };
}

/** A contact sees only its own wallet and journals; staff and services their tenant's. */
const ownContact = (ctx: SubgraphContext) => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);

/** A wallet with its balances (as of `asOf` when given), totals per currency and open lots. */
export async function walletOf(views: LedgerViews, w: WalletView, asOf: Date | null): Promise<Wallet> {
  const accounts = await views.walletAccounts(w.id);
  const past = asOf
    ? await views.balancesAsOf(
        accounts.map((a) => a.id),
        asOf,
      )
    : null;
  const balances = accounts.map((a) => account(a, past ? (past.get(a.id) ?? 0n) : null));
  const totals = new Map<string, { balance: bigint; blocked: bigint; available: bigint }>();
  for (const a of accounts) {
    const t = totals.get(a.currency) ?? { balance: 0n, blocked: 0n, available: 0n };
    totals.set(a.currency, {
      balance: t.balance + (past ? (past.get(a.id) ?? 0n) : a.balance),
      blocked: t.blocked + a.blocked,
      available: t.available + a.available,
    });
  }
  const currencyOf = new Map(accounts.map((a) => [a.id, a.currency]));
  const lots = asOf
    ? []
    : await views.lots(
        accounts.map((a) => a.id),
        false,
      );
  const own = w.settings.limitRules;
  return {
    id: w.id,
    code: w.code,
    contactId: w.contactId,
    currency: w.currency,
    createdAt: w.createdAt,
    settings: { ...w.settings, limitRules: own ? own.map(limitRule) : null },
    limitRules: (own ?? (await views.limitDefaults())).map(limitRule),
    balances,
    totals: [...totals].map(([currency, t]) => ({
      currency,
      balance: formatMinor(t.balance, currency),
      blocked: past ? null : formatMinor(t.blocked, currency),
      available: past ? null : formatMinor(t.available, currency),
    })) satisfies WalletTotal[],
    lots: lots.map(
      (l): WalletLot => ({
        id: l.id,
        accountId: l.accountId,
        amount: formatMinor(l.amount, currencyOf.get(l.accountId) ?? 'EUR'),
        remaining: formatMinor(l.remaining, currencyOf.get(l.accountId) ?? 'EUR'),
        currency: currencyOf.get(l.accountId) ?? '',
        expiresAt: l.expiresAt,
        unlockAt: l.unlockAt,
        createdAt: l.createdAt,
      }),
    ),
  };
}

@Resolver()
export class LedgerQueriesResolver {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => Wallet, {
    nullable: true,
    description: 'A wallet by id or 16-digit code; null when there is none (or it is not yours). asOf: balances at that instant.',
  })
  async wallet(
    @Arg('id', () => String) id: string,
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Wallet | null> {
    if (id.length > 64) throw AppError.validation('id', 'must be at most 64 characters', 'TOO_LONG');
    await this.consistency.before(ctx);
    const views = this.queries.views(ctx.principal.tenantId);
    const w = await views.wallet(id);
    const own = ownContact(ctx);
    if (!w || (own !== null && w.contactId !== own && !(await views.usesWallet(own, w.id)))) return null;
    return walletOf(views, w, checkAsOf(asOf));
  }

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => Wallet, { nullable: true, description: "A contact's wallet; null when it has none (or it is not yours)." })
  async walletOfContact(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Wallet | null> {
    await this.consistency.before(ctx);
    const own = ownContact(ctx);
    if (own !== null && own !== contactId) return null;
    const views = this.queries.views(ctx.principal.tenantId);
    const w = await views.walletOfContact(contactId);
    return w ? walletOf(views, w, checkAsOf(asOf)) : null;
  }

  @Authorized(['ledger.read', 'finance.read'])
  @Query(() => WalletPage, { description: "The tenant's wallets, newest first (a contact's with contactId)." })
  async wallets(
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 20.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WalletPage> {
    const p = page(first, offset);
    await this.consistency.before(ctx);
    const views = this.queries.views(ctx.principal.tenantId);
    const { items, total } = await views.wallets({ contactId }, p.limit, p.offset);
    return { items: await Promise.all(items.map((w) => walletOf(views, w, null))), total };
  }

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => LedgerAccount, {
    nullable: true,
    description: 'A ledger account by id (balance at asOf when given); null when there is none (or it is not yours).',
  })
  async ledgerAccount(
    @Arg('id', () => ID) id: string,
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerAccount | null> {
    await this.consistency.before(ctx);
    const views = this.queries.views(ctx.principal.tenantId);
    const a = await views.account(id);
    const own = ownContact(ctx);
    if (!a || (own !== null && a.contactId !== own)) return null;
    const at = checkAsOf(asOf);
    return account(a, at ? ((await views.balancesAsOf([a.id], at)).get(a.id) ?? 0n) : null);
  }

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => [LedgerAccount], { description: "A contact's financial accounts (primary first)." })
  async ledgerAccounts(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: SubgraphContext): Promise<LedgerAccount[]> {
    await this.consistency.before(ctx);
    const own = ownContact(ctx);
    if (own !== null && own !== contactId) return [];
    return (await this.queries.views(ctx.principal.tenantId).contactAccounts(contactId)).map((a) => account(a));
  }

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => LedgerJournalPage, { description: 'Journal entries (postings), newest first. A contact sees only its own.' })
  async ledgerJournals(
    @Arg('filter', () => LedgerJournalFilter, { nullable: true }) filter: LedgerJournalFilter | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 20.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerJournalPage> {
    const p = page(first, offset);
    const entry = filter?.entry ?? null;
    if (entry !== null && entry !== 'CREDIT' && entry !== 'DEBIT') throw AppError.validation('entry', 'must be CREDIT or DEBIT', 'INVALID_ENUM');
    if ((filter?.types?.length ?? 0) > 20 || (filter?.accountIds?.length ?? 0) > 100)
      throw AppError.validation('filter', 'at most 20 types and 100 accounts', 'TOO_MANY');
    const entity = filter?.entity ?? null;
    if (entity !== null && entity !== 'WALLET' && entity !== 'ACCOUNT')
      throw AppError.validation('entity', 'must be WALLET or ACCOUNT', 'INVALID_ENUM');
    await this.consistency.before(ctx);
    const own = ownContact(ctx);
    if (own !== null && filter?.contactId && filter.contactId !== own) return { items: [], total: 0 };
    const views = this.queries.views(ctx.principal.tenantId);
    // a contact reads the journals of the wallet it uses (its own, or one linked to it: flow 16)
    const ownWallet = own !== null && filter?.walletId && !filter.contactId ? await views.usesWallet(own, filter.walletId) : false;
    const { items, total } = await views.journals(
      { ...(filter ?? {}), entry, entity, contactId: ownWallet ? null : (own ?? filter?.contactId ?? null) },
      p.limit,
      p.offset,
    );
    return { items: items.map(journalEntry), total };
  }
}

/** Commerce pools, the tenant's default wallet limits and posting totals. */
@Resolver()
export class LedgerSettingsQueriesResolver {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => CommercePoolPage, { description: "The tenant's commerce pools, newest first (only these ids when given)." })
  async commercePools(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100, default 20.' }) first: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommercePoolPage> {
    const p = page(first, offset);
    if (ids && ids.length > 200) throw AppError.validation('ids', 'at most 200', 'TOO_MANY');
    await this.consistency.before(ctx);
    const { items, total } = await this.queries.views(ctx.principal.tenantId).commercePools(ids ?? null, p.limit, p.offset);
    return { items: items.map(commercePool), total };
  }

  @Authorized(['ledger.read', 'finance.read'])
  @Query(() => [WalletLimitRule], { description: "The tenant's default wallet limit rules." })
  async walletLimitDefaults(@Ctx() ctx: SubgraphContext): Promise<WalletLimitRule[]> {
    await this.consistency.before(ctx);
    return (await this.queries.views(ctx.principal.tenantId).limitDefaults()).map(limitRule);
  }

  @Authorized(['ledger.read', 'finance.read', SELF])
  @Query(() => [LedgerTotal], {
    description: 'Postings of a wallet or a contact summed per transaction type, entry and currency, in a posting window. A contact: only its own.',
  })
  async ledgerTotals(
    @Arg('walletId', () => String, { nullable: true }) walletId: string | null,
    @Arg('contactId', () => ID, { nullable: true }) contactId: string | null,
    @Arg('postedFrom', () => Date, { nullable: true }) postedFrom: Date | null,
    @Arg('postedTo', () => Date, { nullable: true }) postedTo: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTotal[]> {
    await this.consistency.before(ctx);
    const views = this.queries.views(ctx.principal.tenantId);
    const own = ownContact(ctx);
    let wallet: string | null = null;
    if (walletId) {
      const w = await views.wallet(walletId);
      if (!w || (own !== null && w.contactId !== own)) return [];
      wallet = w.id;
    }
    if (own !== null && contactId && contactId !== own) return [];
    const contact = own ?? contactId;
    if (!wallet && !contact) throw AppError.validation('walletId', 'name a walletId or a contactId', 'REQUIRED');
    const rows = await views.totals({ walletId: wallet, contactId: contact, postedFrom: checkAsOf(postedFrom), postedTo: checkAsOf(postedTo) });
    return rows.map((r) => ({ ...r, amount: formatMinor(r.amount, r.currency) }));
  }
}

/** The ledger's part of the federated Contact: its wallet {id, code}. */
@Resolver(() => Contact)
export class ContactWalletResolver {
  constructor(private readonly queries: LedgerQueries) {}

  @Authorized(['ledger.read', 'finance.read', 'contacts.read', SELF])
  @FieldResolver(() => Wallet, { nullable: true, description: 'The wallet the ledger opened for the contact (null until it is projected).' })
  async wallet(@Root() contact: Contact, @Ctx() ctx: SubgraphContext): Promise<Wallet | null> {
    const own = ownContact(ctx);
    if (own !== null && own !== contact.id) return null;
    const views = this.queries.views(ctx.principal.tenantId);
    const w = await views.walletOfContact(contact.id);
    return w ? walletOf(views, w, null) : null;
  }
}
