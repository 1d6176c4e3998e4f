import type { Queryable } from '@crm/event-bus/kit';
import type { WalletLimitRule, WalletSettings } from '@crm/event-bus/contracts/ledger';
import { canonicalId } from '@crm/platform/ids';
import { type CommercePoolState, defaultWalletSettings, type SettingsChange, type WalletState } from '../domain/settings';

// Wallet settings, commerce pools, tenant limits, rotating wallet codes and wallet-link OTPs. Every statement is scoped by the tenant.

/** A wallet (id or 16-digit static code) locked for a settings change. */
export async function lockWallet(q: Queryable, tenantId: string, ref: string): Promise<WalletState | null> {
  const id = canonicalId(ref);
  const rows = (await q.query(
    `SELECT id, contact_id, version, settings FROM ledger_wallets WHERE tenant_id = $1 AND ${id ? 'id = $2' : 'code = $2'} FOR UPDATE`,
    [tenantId, id ?? ref],
  )) as { id: string; contact_id: string; version: number; settings: WalletSettings | null }[];
  const r = rows[0];
  return r
    ? { id: r.id, contactId: r.contact_id, version: Number(r.version), settings: { ...defaultWalletSettings(), ...(r.settings ?? {}) } }
    : null;
}

export async function findCommercePool(q: Queryable, tenantId: string, ref: string, lock = false): Promise<CommercePoolState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT id, version, definition FROM ledger_commerce_pools WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  )) as { id: string; version: number; definition: CommercePoolState['definition'] }[];
  const r = rows[0];
  return r ? { id: r.id, version: Number(r.version), definition: r.definition } : null;
}

/** The tenant's default limit rules and their version (0: never set), locked for a change when asked. */
export async function tenantLimits(q: Queryable, tenantId: string, lock = false): Promise<{ version: number; rules: WalletLimitRule[] }> {
  const rows = (await q.query(`SELECT version, limit_rules FROM ledger_tenant_limits WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`, [
    tenantId,
  ])) as { version: number; limit_rules: WalletLimitRule[] }[];
  return rows[0] ? { version: Number(rows[0].version), rules: rows[0].limit_rules } : { version: 0, rules: [] };
}

/** Writes what a settings change decided; returns the aggregate's new version (what the event carries). */
export async function persistSettings(q: Queryable, tenantId: string, change: SettingsChange, version: number, now: Date): Promise<void> {
  switch (change.type) {
    case 'wallet.updated':
      await q.query(`UPDATE ledger_wallets SET settings = $3::jsonb, version = $4 WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        change.aggregateId,
        JSON.stringify(change.data.settings),
        version,
      ]);
      return;
    case 'commerce_pool.defined':
      await q.query(
        `INSERT INTO ledger_commerce_pools (id, tenant_id, version, definition, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $5)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at
         WHERE ledger_commerce_pools.tenant_id = EXCLUDED.tenant_id`,
        [change.aggregateId, tenantId, version, JSON.stringify(change.data), now],
      );
      return;
    case 'ledger_limits.set':
      await q.query(
        `INSERT INTO ledger_tenant_limits (tenant_id, version, limit_rules, updated_at) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version, limit_rules = EXCLUDED.limit_rules, updated_at = EXCLUDED.updated_at`,
        [tenantId, version, JSON.stringify(change.data.limitRules), now],
      );
      return;
  }
}

/** Stores a rotating wallet code until it expires (and forgets the expired ones of the wallet). */
export async function storeWalletCode(q: Queryable, tenantId: string, walletId: string, code: string, expiresAt: Date, now: Date): Promise<void> {
  await q.query(`DELETE FROM ledger_wallet_codes WHERE tenant_id = $1 AND wallet_id = $2 AND expires_at <= $3`, [tenantId, walletId, now]);
  await q.query(`INSERT INTO ledger_wallet_codes (code, tenant_id, wallet_id, expires_at) VALUES ($1, $2, $3, $4)`, [
    code,
    tenantId,
    walletId,
    expiresAt,
  ]);
}

/** The wallet a rotating code names while it is valid. */
export async function walletOfDynamicCode(q: Queryable, tenantId: string, code: string, now: Date): Promise<string | null> {
  const rows = (await q.query(`SELECT wallet_id FROM ledger_wallet_codes WHERE tenant_id = $1 AND code = $2 AND expires_at > $3`, [
    tenantId,
    code,
    now,
  ])) as { wallet_id: string }[];
  return rows[0]?.wallet_id ?? null;
}

/** What a wallet spent (DEBIT/TRANSFER…) or received (TOP_UP/CREDIT…) since an instant: the sum of its pockets' debits (or credits) of those transaction types and how many transactions. */
export async function walletUsage(
  q: Queryable,
  tenantId: string,
  walletId: string,
  currency: string,
  types: string[],
  since: Date,
  /** out: what left the wallet (debits); in: what came in (credits). */
  direction: 'out' | 'in' = 'out',
): Promise<{ amount: bigint; count: number }> {
  const rows = (await q.query(
    `SELECT coalesce(sum(abs(p.amount)), 0)::text AS amount, count(DISTINCT p.transaction_id)::int AS n
       FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN ledger_transactions t ON t.id = p.transaction_id
      WHERE p.tenant_id = $1 AND a.tenant_id = $1 AND a.wallet_id = $2 AND p.currency = $3 AND ${direction === 'in' ? 'p.amount > 0' : 'p.amount < 0'}
        AND t.type = ANY($4::text[]) AND p.posted_at >= $5`,
    [tenantId, walletId, currency, types, since],
  )) as { amount: string; n: number }[];
  return { amount: BigInt(rows[0]?.amount ?? '0'), count: Number(rows[0]?.n ?? 0) };
}
