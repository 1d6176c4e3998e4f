import type { Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { CommercePoolDefinition, WalletLimitRule, WalletSettings } from '@crm/event-bus/contracts/ledger';

export interface WalletView {
  id: string;
  contactId: string;
  code: string;
  currency: string;
  createdAt: Date;
  settings: WalletSettings;
}

export interface AccountDetailsView {
  classificationId: string | null;
  billingAddressId: string | null;
  paymentTermsId: string | null;
  creditLimit: bigint;
}

export interface CommercePoolView extends CommercePoolDefinition {
  id: string;
  createdAt: Date;
}

/** Postings summed per transaction type, entry (CREDIT/DEBIT) and currency. */
export interface TotalView {
  type: string;
  entry: 'CREDIT' | 'DEBIT';
  currency: string;
  amount: bigint;
  count: number;
}

export interface AccountView {
  id: string;
  kind: string;
  walletId: string | null;
  contactId: string | null;
  pocket: string | null;
  commercePoolId: string | null;
  systemAccount: string | null;
  currency: string;
  name: string;
  isPrimary: boolean;
  balance: bigint;
  blocked: bigint;
  /** What can be spent now: unlocked, unexpired lots (wallet pockets) or the balance, less blocked. */
  available: bigint;
  createdAt: Date;
  details: AccountDetailsView;
}

export interface JournalView {
  transactionId: string;
  accountId: string;
  walletId: string | null;
  contactId: string | null;
  type: string;
  amount: bigint;
  currency: string;
  balanceAfter: bigint;
  postedAt: Date;
  notes: string | null;
  reference: string | null;
  reversesTransactionId: string | null;
}

export interface LotView {
  id: string;
  accountId: string;
  amount: bigint;
  remaining: bigint;
  expiresAt: Date | null;
  unlockAt: Date | null;
  createdAt: Date;
}

export interface JournalFilter {
  walletId?: string | null;
  accountId?: string | null;
  contactId?: string | null;
  transactionId?: string | null;
  type?: string | null;
  /** CREDIT (amount > 0) or DEBIT (amount < 0). */
  entry?: 'CREDIT' | 'DEBIT' | null;
  /** WALLET (wallet pockets) or ACCOUNT (contact financial accounts). */
  entity?: 'WALLET' | 'ACCOUNT' | null;
  /** Any of these transaction types. */
  types?: string[] | null;
  /** Any of these accounts. */
  accountIds?: string[] | null;
  /** Posted at or after / at or before these instants. */
  postedFrom?: Date | null;
  postedTo?: Date | null;
  /** Oldest first (default newest first). */
  ascending?: boolean | null;
}

type Row = Record<string, unknown>;
const big = (v: unknown) => BigInt(String(v));
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

const toWallet = (r: Row): WalletView => ({
  id: String(r.id),
  contactId: String(r.contact_id),
  code: String(r.code),
  currency: String(r.currency),
  createdAt: new Date(r.created_at as string),
  settings: {
    autoTopup: null,
    termedTopup: null,
    limitRules: null,
    activatedCommercePools: [],
    ...((r.settings as WalletSettings | null) ?? {}),
  },
});

const WALLET_COLUMNS = `id, contact_id, code, currency, created_at, settings`;

const ACCOUNT_SELECT = `SELECT a.id, a.kind, a.wallet_id, a.contact_id, a.pocket, a.commerce_pool_id, a.system_account, a.currency, a.name, a.is_primary,
    a.balance::text AS balance, a.blocked::text AS blocked, a.created_at, a.details,
    (CASE WHEN a.kind = 'WALLET_POCKET'
      THEN coalesce((SELECT sum(l.remaining) FROM lot_views l WHERE l.tenant_id = a.tenant_id AND l.account_id = a.id AND l.remaining > 0
                       AND (l.unlock_at IS NULL OR l.unlock_at <= now()) AND (l.expires_at IS NULL OR l.expires_at > now())), 0)
      ELSE a.balance END - a.blocked)::text AS available
  FROM account_views a`;

const toAccount = (r: Row): AccountView => ({
  id: String(r.id),
  kind: String(r.kind),
  walletId: (r.wallet_id as string | null) ?? null,
  contactId: (r.contact_id as string | null) ?? null,
  pocket: (r.pocket as string | null) ?? null,
  commercePoolId: (r.commerce_pool_id as string | null) ?? null,
  systemAccount: (r.system_account as string | null) ?? null,
  currency: String(r.currency),
  name: String(r.name),
  isPrimary: Boolean(r.is_primary),
  balance: big(r.balance),
  blocked: big(r.blocked),
  available: big(r.available),
  createdAt: new Date(r.created_at as string),
  details: ((d: Record<string, string | null> | null) => ({
    classificationId: d?.classificationId ?? null,
    billingAddressId: d?.billingAddressId ?? null,
    paymentTermsId: d?.paymentTermsId ?? null,
    creditLimit: BigInt(d?.creditLimit ?? '0'),
  }))(r.details as Record<string, string | null> | null),
});

const toJournal = (r: Row): JournalView => ({
  transactionId: String(r.transaction_id),
  accountId: String(r.account_id),
  walletId: (r.wallet_id as string | null) ?? null,
  contactId: (r.contact_id as string | null) ?? null,
  type: String(r.type),
  amount: big(r.amount),
  currency: String(r.currency),
  balanceAfter: big(r.balance_after),
  postedAt: new Date(r.posted_at as string),
  notes: (r.notes as string | null) ?? null,
  reference: (r.reference as string | null) ?? null,
  reversesTransactionId: (r.reverses_transaction_id as string | null) ?? null,
});

/** The ledger read models of ONE tenant: every statement is scoped by the tenant given at construction. */
export class LedgerViews {
  constructor(
    private readonly q: Queryable,
    private readonly tenantId: string,
  ) {}

  /** A wallet by id or 16-digit code. */
  async wallet(ref: string): Promise<WalletView | null> {
    const id = canonicalId(ref);
    const rows = (await this.q.query(`SELECT ${WALLET_COLUMNS} FROM wallet_views WHERE tenant_id = $1 AND ${id ? 'id = $2::uuid' : 'code = $2'}`, [
      this.tenantId,
      id ?? ref,
    ])) as Row[];
    return rows[0] ? toWallet(rows[0]) : null;
  }

  async walletOfContact(contactId: string): Promise<WalletView | null> {
    const id = canonicalId(contactId);
    if (!id) return null;
    // a wallet linked to the contact (flow 16) is its wallet; else the one opened for it
    const rows = (await this.q.query(
      `SELECT ${WALLET_COLUMNS.split(', ')
        .map((c) => `w.${c}`)
        .join(', ')} FROM wallet_views w LEFT JOIN wallet_link_views l ON l.tenant_id = $1 AND l.contact_id = $2
        WHERE w.tenant_id = $1 AND (w.id = l.wallet_id OR (l.wallet_id IS NULL AND w.contact_id = $2))`,
      [this.tenantId, id],
    )) as Row[];
    return rows[0] ? toWallet(rows[0]) : null;
  }

  /** Whether the contact uses the wallet as its own: opened for it, or linked to it (flow 16). */
  async usesWallet(contactId: string, walletRef: string): Promise<boolean> {
    const w = await this.walletOfContact(contactId);
    return w !== null && (w.id === canonicalId(walletRef) || w.code === walletRef);
  }

  /** Whether a wallet has this identity (normalised: e-mail lower case, phone digits). */
  async walletExists(type: string, value: string): Promise<boolean> {
    const rows = (await this.q.query(`SELECT 1 FROM wallet_identity_views WHERE tenant_id = $1 AND type = $2 AND value = $3`, [
      this.tenantId,
      type,
      value,
    ])) as unknown[];
    return rows.length > 0;
  }

  async wallets(filter: { contactId?: string | null }, limit: number, offset: number): Promise<{ items: WalletView[]; total: number }> {
    const contactId = filter.contactId ? canonicalId(filter.contactId) : null;
    if (filter.contactId && !contactId) return { items: [], total: 0 };
    const rows = (await this.q.query(
      `SELECT ${WALLET_COLUMNS}, count(*) OVER () AS total FROM wallet_views
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR contact_id = $2) ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [this.tenantId, contactId, limit, offset],
    )) as Row[];
    return { items: rows.map(toWallet), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async account(id: string): Promise<AccountView | null> {
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const rows = (await this.q.query(`${ACCOUNT_SELECT} WHERE a.tenant_id = $1 AND a.id = $2`, [this.tenantId, canonical])) as Row[];
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** A wallet's pockets (open, business, then commerce pools). */
  async walletAccounts(walletId: string): Promise<AccountView[]> {
    const rows = (await this.q.query(
      `${ACCOUNT_SELECT} WHERE a.tenant_id = $1 AND a.wallet_id = $2 ORDER BY CASE a.pocket WHEN 'OPEN' THEN 0 WHEN 'BUSINESS' THEN 1 ELSE 2 END, a.commerce_pool_id, a.id`,
      [this.tenantId, walletId],
    )) as Row[];
    return rows.map(toAccount);
  }

  /** A contact's financial accounts (primary first). */
  async contactAccounts(contactId: string): Promise<AccountView[]> {
    const id = canonicalId(contactId);
    if (!id) return [];
    const rows = (await this.q.query(
      `${ACCOUNT_SELECT} WHERE a.tenant_id = $1 AND a.contact_id = $2 AND a.kind = 'CONTACT_ACCOUNT' ORDER BY a.is_primary DESC, a.created_at, a.id`,
      [this.tenantId, id],
    )) as Row[];
    return rows.map(toAccount);
  }

  /** Each account's balance at an instant: the balance after its last posting at or before it (the fold of its postings up to then). */
  async balancesAsOf(accountIds: string[], asOf: Date): Promise<Map<string, bigint>> {
    const rows = (await this.q.query(
      `SELECT DISTINCT ON (account_id) account_id, balance_after::text AS balance FROM journal_views
        WHERE tenant_id = $1 AND account_id = ANY($2::uuid[]) AND posted_at <= $3 ORDER BY account_id, posted_at DESC, balance_after`,
      [this.tenantId, accountIds, asOf],
    )) as Row[];
    return new Map(rows.map((r) => [String(r.account_id), big(r.balance)]));
  }

  async journals(filter: JournalFilter, limit: number, offset: number): Promise<{ items: JournalView[]; total: number }> {
    const ids = {
      wallet: filter.walletId ? canonicalId(filter.walletId) : null,
      account: filter.accountId ? canonicalId(filter.accountId) : null,
      contact: filter.contactId ? canonicalId(filter.contactId) : null,
      transaction: filter.transactionId ? canonicalId(filter.transactionId) : null,
    };
    if (
      (filter.walletId && !ids.wallet) ||
      (filter.accountId && !ids.account) ||
      (filter.contactId && !ids.contact) ||
      (filter.transactionId && !ids.transaction)
    )
      return { items: [], total: 0 };
    const rows = (await this.q.query(
      `SELECT *, amount::text AS amount, balance_after::text AS balance_after, count(*) OVER () AS total FROM journal_views
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR wallet_id = $2) AND ($3::uuid IS NULL OR account_id = $3) AND ($4::uuid IS NULL OR contact_id = $4)
          AND ($5::uuid IS NULL OR transaction_id = $5) AND ($6::text IS NULL OR type = $6)
          AND ($7::text IS NULL OR ($7 = 'CREDIT' AND amount > 0) OR ($7 = 'DEBIT' AND amount < 0))
          AND ($10::text IS NULL OR ($10 = 'WALLET' AND wallet_id IS NOT NULL) OR ($10 = 'ACCOUNT' AND wallet_id IS NULL AND contact_id IS NOT NULL))
          AND ($11::text[] IS NULL OR type = ANY($11)) AND ($14::uuid[] IS NULL OR account_id = ANY($14)) AND ($12::timestamptz IS NULL OR posted_at >= $12) AND ($13::timestamptz IS NULL OR posted_at <= $13)
        ORDER BY posted_at ${filter.ascending ? 'ASC' : 'DESC'}, transaction_id, account_id LIMIT $8 OFFSET $9`,
      [
        this.tenantId,
        ids.wallet,
        ids.account,
        ids.contact,
        ids.transaction,
        filter.type ?? null,
        filter.entry ?? null,
        limit,
        offset,
        filter.entity ?? null,
        filter.types ?? null,
        filter.postedFrom ?? null,
        filter.postedTo ?? null,
        filter.accountIds ? filter.accountIds.map((a) => canonicalId(a)).filter((a): a is string => a !== null) : null,
      ],
    )) as Row[];
    return { items: rows.map(toJournal), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async lots(accountIds: string[], includeSpent: boolean): Promise<LotView[]> {
    const rows = (await this.q.query(
      `SELECT id, account_id, amount::text AS amount, remaining::text AS remaining, expires_at, unlock_at, created_at FROM lot_views
        WHERE tenant_id = $1 AND account_id = ANY($2::uuid[]) AND ($3 OR remaining > 0) ORDER BY expires_at NULLS LAST, created_at, id`,
      [this.tenantId, accountIds, includeSpent],
    )) as Row[];
    return rows.map((r) => ({
      id: String(r.id),
      accountId: String(r.account_id),
      amount: big(r.amount),
      remaining: big(r.remaining),
      expiresAt: date(r.expires_at),
      unlockAt: date(r.unlock_at),
      createdAt: new Date(r.created_at as string),
    }));
  }

  /** Postings of a wallet or a contact (any account of it), summed per transaction type, entry and currency, in a posting window. */
  async totals(filter: {
    walletId?: string | null;
    contactId?: string | null;
    postedFrom?: Date | null;
    postedTo?: Date | null;
  }): Promise<TotalView[]> {
    const wallet = filter.walletId ? canonicalId(filter.walletId) : null;
    const contact = filter.contactId ? canonicalId(filter.contactId) : null;
    if ((filter.walletId && !wallet) || (filter.contactId && !contact)) return [];
    const rows = (await this.q.query(
      `SELECT type, CASE WHEN amount > 0 THEN 'CREDIT' ELSE 'DEBIT' END AS entry, currency, sum(abs(amount))::text AS amount, count(*)::int AS n
         FROM journal_views WHERE tenant_id = $1 AND ($2::uuid IS NULL OR wallet_id = $2) AND ($3::uuid IS NULL OR contact_id = $3)
          AND ($4::timestamptz IS NULL OR posted_at >= $4) AND ($5::timestamptz IS NULL OR posted_at <= $5)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [this.tenantId, wallet, contact, filter.postedFrom ?? null, filter.postedTo ?? null],
    )) as Row[];
    return rows.map((r) => ({
      type: String(r.type),
      entry: r.entry as 'CREDIT' | 'DEBIT',
      currency: String(r.currency),
      amount: big(r.amount),
      count: Number(r.n),
    }));
  }

  async commercePools(ids: string[] | null, limit: number, offset: number): Promise<{ items: CommercePoolView[]; total: number }> {
    const wanted = ids ? ids.map((i) => canonicalId(i)).filter((i): i is string => i !== null) : null;
    const rows = (await this.q.query(
      `SELECT id, definition, created_at, count(*) OVER () AS total FROM commerce_pool_views WHERE tenant_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2))
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [this.tenantId, wanted, limit, offset],
    )) as Row[];
    return {
      items: rows.map((r) => ({ ...(r.definition as CommercePoolDefinition), id: String(r.id), createdAt: new Date(r.created_at as string) })),
      total: rows[0] ? Number(rows[0].total) : 0,
    };
  }

  /** The tenant's default wallet limit rules (none until set). */
  async limitDefaults(): Promise<WalletLimitRule[]> {
    const rows = (await this.q.query(`SELECT limit_rules FROM ledger_limit_views WHERE tenant_id = $1`, [this.tenantId])) as Row[];
    return (rows[0]?.limit_rules as WalletLimitRule[] | undefined) ?? [];
  }

  /** The version of an aggregate the read models have applied (what consistency tokens wait for). */
  async appliedVersion(aggregateType: string, aggregateId: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM applied_versions WHERE aggregate_type = $1 AND aggregate_id = $2`, [
      aggregateType,
      `${this.tenantId}:${aggregateId}`,
    ])) as Row[];
    return rows[0] ? Number(rows[0].version) : 0;
  }
}
