import type { Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { Account, Book, LedgerChange, Lot, PostedTransaction, Reservation } from '../domain/book';

// Every statement is scoped by the tenant. Amounts cross the driver as text (exact bigint).

const ACCOUNT_COLUMNS = `id, version, kind, wallet_id, contact_id, pocket, commerce_pool_id, system_account, currency, name, is_primary,
  min_balance::text AS min_balance, balance::text AS balance, blocked::text AS blocked, details`;

interface AccountRow {
  id: string;
  version: number;
  kind: Account['kind'];
  wallet_id: string | null;
  contact_id: string | null;
  pocket: Account['pocket'];
  commerce_pool_id: string | null;
  system_account: Account['systemAccount'];
  currency: string;
  name: string;
  is_primary: boolean;
  min_balance: string | null;
  balance: string;
  blocked: string;
  details: { classificationId?: string | null; billingAddressId?: string | null; paymentTermsId?: string | null; creditLimit?: string } | null;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  version: Number(r.version),
  kind: r.kind,
  walletId: r.wallet_id,
  contactId: r.contact_id,
  pocket: r.pocket,
  commercePoolId: r.commerce_pool_id,
  systemAccount: r.system_account,
  currency: r.currency.trim(),
  name: r.name,
  isPrimary: r.is_primary,
  minBalance: r.min_balance === null ? null : BigInt(r.min_balance),
  balance: BigInt(r.balance),
  blocked: BigInt(r.blocked),
  details: {
    classificationId: r.details?.classificationId ?? null,
    billingAddressId: r.details?.billingAddressId ?? null,
    paymentTermsId: r.details?.paymentTermsId ?? null,
    creditLimit: BigInt(r.details?.creditLimit ?? '0'),
  },
});

export interface WalletRow {
  id: string;
  contactId: string;
  code: string;
  currency: string;
}

const detailsJson = (a: Account) => JSON.stringify({ ...a.details, creditLimit: a.details.creditLimit.toString() });

const ids = (refs: string[]) => refs.map((r) => canonicalId(r)).filter((x): x is string => x !== null);

/**
 * Locks the accounts a command moves, in one statement and in id order: two commands on the same
 * accounts queue (no overdraft, no lost update) and never wait on each other in opposite orders (no deadlock).
 */
export async function lockAccounts(q: Queryable, tenantId: string, accountIds: string[]): Promise<Account[]> {
  const rows = (await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
    tenantId,
    ids(accountIds),
  ])) as AccountRow[];
  return rows.map(toAccount);
}

export async function findAccount(q: Queryable, tenantId: string, accountId: string): Promise<Account | null> {
  const id = canonicalId(accountId);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : null;
}

/** A wallet's pocket account (the commerce pool's, when named) in a currency; null when not opened. */
export async function findPocket(
  q: Queryable,
  tenantId: string,
  walletId: string,
  pocket: string,
  commercePoolId: string | null,
  currency: string,
): Promise<Account | null> {
  const rows = (await q.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts
      WHERE tenant_id = $1 AND wallet_id = $2 AND pocket = $3 AND coalesce(commerce_pool_id, '') = $4 AND currency = $5`,
    [tenantId, walletId, pocket, commercePoolId ?? '', currency],
  )) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function findSystemAccount(q: Queryable, tenantId: string, systemAccount: string, currency: string): Promise<Account | null> {
  const rows = (await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1 AND system_account = $2 AND currency = $3`, [
    tenantId,
    systemAccount,
    currency,
  ])) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : null;
}

/** The contact's primary financial account in a currency (any currency when null). */
export async function findContactAccount(q: Queryable, tenantId: string, contactId: string, currency: string | null): Promise<Account | null> {
  const rows = (await q.query(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1 AND contact_id = $2 AND kind = 'CONTACT_ACCOUNT'
       AND ($3::text IS NULL OR currency = $3) ORDER BY is_primary DESC, id LIMIT 1`,
    [tenantId, contactId, currency],
  )) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : null;
}

const toWallet = (r: { id: string; contact_id: string; code: string; currency: string }): WalletRow => ({
  id: r.id,
  contactId: r.contact_id,
  code: r.code,
  currency: r.currency.trim(),
});

/** A wallet by id or by its 16-digit code. */
export async function findWallet(q: Queryable, tenantId: string, ref: string): Promise<WalletRow | null> {
  const id = canonicalId(ref);
  const rows = (await q.query(
    id
      ? `SELECT id, contact_id, code, currency FROM ledger_wallets WHERE tenant_id = $1 AND id = $2`
      : `SELECT id, contact_id, code, currency FROM ledger_wallets WHERE tenant_id = $1 AND code = $2`,
    [tenantId, id ?? ref],
  )) as { id: string; contact_id: string; code: string; currency: string }[];
  return rows[0] ? toWallet(rows[0]) : null;
}

export async function findWalletOfContact(q: Queryable, tenantId: string, contactId: string): Promise<WalletRow | null> {
  const id = canonicalId(contactId);
  if (!id) return null;
  // a wallet linked to the contact (flow 16) is its wallet; else the one opened for it
  const rows = (await q.query(
    `SELECT w.id, w.contact_id, w.code, w.currency FROM ledger_wallets w
       LEFT JOIN ledger_wallet_links l ON l.tenant_id = $1 AND l.contact_id = $2
      WHERE w.tenant_id = $1 AND (w.id = l.wallet_id OR (l.wallet_id IS NULL AND w.contact_id = $2))`,
    [tenantId, id],
  )) as {
    id: string;
    contact_id: string;
    code: string;
    currency: string;
  }[];
  return rows[0] ? toWallet(rows[0]) : null;
}

/** The lots of the accounts that still hold something (what spends, expiries and reversals consume). */
export async function openLots(q: Queryable, tenantId: string, accountIds: string[]): Promise<Lot[]> {
  const rows = (await q.query(
    `SELECT id, account_id, amount::text AS amount, remaining::text AS remaining, expires_at, unlock_at, created_at
       FROM ledger_lots WHERE tenant_id = $1 AND account_id = ANY($2::uuid[]) AND remaining > 0`,
    [tenantId, ids(accountIds)],
  )) as { id: string; account_id: string; amount: string; remaining: string; expires_at: Date | null; unlock_at: Date | null; created_at: Date }[];
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    amount: BigInt(r.amount),
    remaining: BigInt(r.remaining),
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
    unlockAt: r.unlock_at ? new Date(r.unlock_at) : null,
    createdAt: new Date(r.created_at),
  }));
}

export async function findReservation(q: Queryable, tenantId: string, reservationId: string): Promise<Reservation | null> {
  const id = canonicalId(reservationId);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT id, account_id, amount::text AS amount, state, expires_at, reference FROM ledger_reservations WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  )) as { id: string; account_id: string; amount: string; state: Reservation['state']; expires_at: Date | null; reference: string | null }[];
  const r = rows[0];
  return r
    ? {
        id: r.id,
        accountId: r.account_id,
        amount: BigInt(r.amount),
        state: r.state,
        expiresAt: r.expires_at ? new Date(r.expires_at) : null,
        reference: r.reference,
      }
    : null;
}

/** A posted transaction with its postings and the reversal that undid it, if any. */
export async function findTransaction(q: Queryable, tenantId: string, transactionId: string): Promise<PostedTransaction | null> {
  const id = canonicalId(transactionId);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT t.id, t.type, t.reverses_id, (SELECT r.id FROM ledger_transactions r WHERE r.tenant_id = t.tenant_id AND r.reverses_id = t.id) AS reversed_by,
            coalesce(json_agg(json_build_object('accountId', p.account_id, 'amount', p.amount::text) ORDER BY p.seq), '[]') AS postings
       FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
      WHERE t.tenant_id = $1 AND t.id = $2 GROUP BY t.id`,
    [tenantId, id],
  )) as {
    id: string;
    type: PostedTransaction['type'];
    reverses_id: string | null;
    reversed_by: string | null;
    postings: { accountId: string; amount: string }[];
  }[];
  const t = rows[0];
  if (!t) return null;
  return {
    id: t.id,
    type: t.type,
    reversesId: t.reverses_id,
    reversedBy: t.reversed_by,
    postings: t.postings.map((p) => ({ accountId: p.accountId, amount: BigInt(p.amount) })),
  };
}

/** The postings of a transaction, with each account's balance after it (a command's answer, also on an idempotent replay). */
export async function transactionPostings(
  q: Queryable,
  tenantId: string,
  transactionId: string,
): Promise<{ type: string; postedAt: Date; postings: { accountId: string; amount: bigint; currency: string; balance: bigint }[] } | null> {
  const rows = (await q.query(
    `SELECT t.type, t.posted_at, p.account_id, p.amount::text AS amount, p.currency, p.balance_after::text AS balance
       FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id WHERE t.tenant_id = $1 AND t.id = $2 ORDER BY p.seq`,
    [tenantId, transactionId],
  )) as { type: string; posted_at: Date; account_id: string; amount: string; currency: string; balance: string }[];
  if (rows.length === 0) return null;
  return {
    type: rows[0]!.type,
    postedAt: new Date(rows[0]!.posted_at),
    postings: rows.map((r) => ({ accountId: r.account_id, amount: BigInt(r.amount), currency: r.currency.trim(), balance: BigInt(r.balance) })),
  };
}

/**
 * Writes what a command changed, derived from the book before and after its changes: new wallets
 * and accounts, the transactions and their postings (append-only), lots and reservations, and the
 * accounts' cached balance, blocked amount and version (checked against the version read under the lock).
 */
export async function persist(q: Queryable, tenantId: string, before: Book, after: Book, changes: LedgerChange[], now: Date): Promise<void> {
  for (const w of Object.values(after.wallets)) {
    if (before.wallets[w.id]) continue;
    await q.query(`INSERT INTO ledger_wallets (id, tenant_id, contact_id, code, currency, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      w.id,
      tenantId,
      w.contactId,
      w.code,
      w.currency,
      now,
    ]);
  }
  for (const a of Object.values(after.accounts)) {
    const old = before.accounts[a.id];
    if (!old) {
      await q.query(
        `INSERT INTO ledger_accounts (id, tenant_id, version, kind, wallet_id, contact_id, pocket, commerce_pool_id, system_account, currency, name,
           is_primary, min_balance, balance, blocked, created_at, updated_at, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::bigint, $14::bigint, $15::bigint, $16, $16, $17::jsonb)`,
        [
          a.id,
          tenantId,
          a.version,
          a.kind,
          a.walletId,
          a.contactId,
          a.pocket,
          a.commercePoolId,
          a.systemAccount,
          a.currency,
          a.name,
          a.isPrimary,
          a.minBalance?.toString() ?? null,
          a.balance.toString(),
          a.blocked.toString(),
          now,
          detailsJson(a),
        ],
      );
    }
  }
  const transactions = new Map<string, Extract<LedgerChange, { type: 'ledger_account.posted' }>['data']>();
  for (const c of changes)
    if (c.type === 'ledger_account.posted' && !transactions.has(c.data.transactionId)) transactions.set(c.data.transactionId, c.data);
  for (const [id, t] of transactions) {
    await q.query(
      `INSERT INTO ledger_transactions (id, tenant_id, type, reverses_id, reservation_id, notes, reference, posted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, tenantId, t.transactionType, t.reversesTransactionId, t.reservationId, t.notes, t.reference, now],
    );
  }
  for (const c of changes) {
    if (c.type !== 'ledger_account.posted') continue;
    await q.query(
      `INSERT INTO ledger_postings (tenant_id, transaction_id, account_id, amount, currency, balance_after, posted_at) VALUES ($1, $2, $3, $4::bigint, $5, $6::bigint, $7)`,
      [tenantId, c.data.transactionId, c.aggregateId, c.data.amount, c.data.currency, c.data.balance, now],
    );
  }
  for (const l of Object.values(after.lots)) {
    const old = before.lots[l.id];
    if (!old) {
      await q.query(
        `INSERT INTO ledger_lots (id, tenant_id, account_id, amount, remaining, expires_at, unlock_at, created_at) VALUES ($1, $2, $3, $4::bigint, $5::bigint, $6, $7, $8)`,
        [l.id, tenantId, l.accountId, l.amount.toString(), l.remaining.toString(), l.expiresAt, l.unlockAt, now],
      );
    } else if (old.remaining !== l.remaining) {
      await q.query(`UPDATE ledger_lots SET remaining = $3::bigint WHERE tenant_id = $1 AND id = $2`, [tenantId, l.id, l.remaining.toString()]);
    }
  }
  for (const r of Object.values(after.reservations)) {
    const old = before.reservations[r.id];
    if (!old) {
      await q.query(
        `INSERT INTO ledger_reservations (id, tenant_id, account_id, amount, state, expires_at, reference, created_at) VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8)`,
        [r.id, tenantId, r.accountId, r.amount.toString(), r.state, r.expiresAt, r.reference, now],
      );
    } else if (old.state !== r.state) {
      await q.query(`UPDATE ledger_reservations SET state = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, r.id, r.state]);
    }
  }
  for (const a of Object.values(after.accounts)) {
    const old = before.accounts[a.id];
    if (!old || old.version === a.version) continue;
    const rows = (await q.query(
      `WITH u AS (UPDATE ledger_accounts SET version = $3, balance = $4::bigint, blocked = $5::bigint, updated_at = $6,
          name = $8, is_primary = $9, min_balance = $10::bigint, details = $11::jsonb
        WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1) SELECT count(*)::int AS n FROM u`,
      [
        tenantId,
        a.id,
        a.version,
        a.balance.toString(),
        a.blocked.toString(),
        now,
        old.version,
        a.name,
        a.isPrimary,
        a.minBalance?.toString() ?? null,
        detailsJson(a),
      ],
    )) as { n: number }[];
    if (Number(rows[0]?.n) !== 1) throw new Error(`ledger account ${a.id} changed outside its lock`);
  }
}

/** Whether a contact may act on a wallet as its own: it was opened for the contact, or linked to it (flow 16). */
export async function contactUsesWallet(q: Queryable, tenantId: string, contactId: string, walletId: string | null): Promise<boolean> {
  if (!walletId) return false;
  const rows = (await q.query(
    `SELECT 1 FROM ledger_wallets w WHERE w.tenant_id = $1 AND w.id = $3
        AND (w.contact_id = $2 OR EXISTS (SELECT 1 FROM ledger_wallet_links l WHERE l.tenant_id = $1 AND l.contact_id = $2 AND l.wallet_id = $3))`,
    [tenantId, contactId, walletId],
  )) as unknown[];
  return rows.length > 0;
}
