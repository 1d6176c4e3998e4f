import { createHmac } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { canonicalId, newId } from '@crm/platform/ids';
import { generateOtp, hashOtp, otpMatches } from '@crm/platform/security';
import type { EventRegistry } from '@crm/event-bus';
import type { WalletIdentity } from '@crm/event-bus/contracts/ledger';
import { envelopeOf, type RequestContext } from '@crm/event-bus/kit';
import { appendToOutbox } from '@crm/event-bus/outbox';
import { judgeWalletOtp, linkWallet, normaliseIdentity, setWalletIdentity, type WalletLinkChange } from '../domain/wallet-link';
import type { LedgerCommands } from './ledger-commands';

/** Where a wallet one-time code leaves the ledger (the engagement domain, through the gateway). */
export interface WalletOtpSender {
  send(tenantId: string, identity: WalletIdentity, code: string, challengeId: string, ttlSeconds: number): Promise<void>;
}

/** How many codes a contact may request per hour (each one is a message to an address it names). */
export const OTP_REQUESTS_PER_HOUR = 5;

const RETRY = new Set(['40001', '40P01', '23505']);
const retryable = (err: unknown) => {
  const code = (err as { driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return typeof code === 'string' && RETRY.has(code);
};

export interface IdentityInput {
  type?: unknown;
  value?: unknown;
  countryCode?: unknown;
}

/**
 * Flow 16: wallet identities, one-time codes and links. A wallet gets an identity (the owner's
 * e-mail or phone) when its contact sets it up; another contact of the tenant (the same person
 * registered with a second business) asks for a code sent to that identity and, with it, links the
 * existing wallet: from then on that contact's wallet is this one (its own must hold nothing). Each
 * change is one transaction: lock the wallet row, decide (pure), write, append the event.
 */
export class WalletLinkCommands {
  private readonly otpKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly ledger: LedgerCommands,
    private readonly sender: WalletOtpSender,
    secret: string,
    private readonly otpTtlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    // a key of its own, derived from the deployment secret (codes are stored only as their keyed hash)
    this.otpKey = createHmac('sha256', secret).update('ledger wallet otp').digest();
  }

  private static contact(ref: string, owner: string | null): string {
    const id = canonicalId(ref);
    // a contact acts only for itself: another contact answers as not found
    if (!id || (owner !== null && owner !== id)) throw AppError.notFound('contact', ref);
    return id;
  }

  /** Sends a 6-digit code to the identity of an existing wallet (valid `otpTtlSeconds`, 5 attempts). */
  async requestOtp(ctx: RequestContext, contactRef: string, input: IdentityInput, owner: string | null): Promise<void> {
    const contactId = WalletLinkCommands.contact(contactRef, owner);
    const identity = normaliseIdentity(input);
    const now = this.clock();
    const challengeId = newId();
    const code = generateOtp();
    await this.dataSource.transaction(async (m) => {
      const holder = await this.holder(m, ctx.tenantId, identity);
      if (!holder) throw AppError.notFound('wallet', `of this ${identity.type === 'EMAIL' ? 'e-mail' : 'phone'}`);
      // one request at a time per contact (the count below stays exact under concurrent requests)
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`ledger-wallet-otp:${ctx.tenantId}:${contactId}`]);
      const [recent] = (await m.query(
        `SELECT count(*)::int AS n FROM ledger_wallet_otps WHERE tenant_id = $1 AND contact_id = $2 AND created_at > $3`,
        [ctx.tenantId, contactId, new Date(now.getTime() - 3_600_000)],
      )) as { n: number }[];
      if ((recent?.n ?? 0) >= OTP_REQUESTS_PER_HOUR)
        throw new AppError('RATE_LIMITED', `at most ${OTP_REQUESTS_PER_HOUR} wallet codes an hour`, { reason: 'WALLET_OTP_RATE_LIMITED' });
      await m.query(
        `INSERT INTO ledger_wallet_otps (id, tenant_id, contact_id, type, value, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          challengeId,
          ctx.tenantId,
          contactId,
          identity.type,
          identity.value,
          hashOtp(code, this.otpKey, challengeId),
          new Date(now.getTime() + this.otpTtlSeconds * 1000),
          now,
        ],
      );
    });
    try {
      await this.sender.send(ctx.tenantId, identity, code, challengeId, this.otpTtlSeconds);
    } catch (err) {
      // not sent: the code is useless to anyone, forget it (and it does not count against the hourly allowance)
      await this.dataSource.query(`DELETE FROM ledger_wallet_otps WHERE id = $1`, [challengeId]);
      throw err instanceof AppError
        ? err
        : new AppError('UNAVAILABLE', 'the one-time code could not be sent: try again', { reason: 'TEMPORARILY_UNAVAILABLE' });
    }
  }

  /**
   * POST /contacts/{id}/wallets: without an OTP, sets up the contact's own wallet (opens it with
   * `code` if it has none) and gives it the identity; with an OTP sent to the identity, links the
   * identity's existing wallet to the contact.
   */
  async setUp(
    ctx: RequestContext,
    contactRef: string,
    input: { otp: string | null; code: string | null; identity: IdentityInput },
    owner: string | null,
  ): Promise<{ walletId: string; code: string; consistency: { aggregateType: string; aggregateId: string; version: number } | null }> {
    const contactId = WalletLinkCommands.contact(contactRef, owner);
    const identity = normaliseIdentity(input.identity);
    if (input.code !== null && !/^\d{16}$/.test(input.code)) throw AppError.validation('code', 'must be 16 digits', 'INVALID_VALUE');
    if (input.otp !== null && input.otp !== undefined) return this.link(ctx, contactId, identity, input.otp, input.code);

    let wallet = await this.walletOf(this.dataSource, ctx.tenantId, contactId);
    if (!wallet) {
      // every contact gets a wallet when it is created; one may set it up before that arrived (never for a contact the caller does not prove)
      if (owner === null) throw AppError.notFound('contact', contactId);
      const opened = await this.ledger.openWallet(ctx, contactId, undefined, input.code);
      wallet = { id: opened.walletId, code: opened.code, contactId };
    } else if (input.code !== null && input.code !== wallet.code) {
      throw new AppError('CONFLICT', 'the contact has a wallet with another code already', { field: 'code', reason: 'WALLET_EXISTS' });
    }
    const walletId = wallet.id;
    const code = wallet.code;
    return this.unit(ctx, async (m) => {
      const version = await this.lockWallet(m, ctx.tenantId, walletId);
      const holder = await this.holder(m, ctx.tenantId, identity);
      return { walletId, version, changes: setWalletIdentity({ id: walletId }, identity, holder), result: { walletId, code } };
    });
  }

  private async link(ctx: RequestContext, contactId: string, identity: WalletIdentity, otp: string, code: string | null) {
    // 1. the code: a wrong one is counted in a transaction of its own, which commits
    const challengeId = await this.dataSource.transaction(async (m): Promise<{ refused: string } | { id: string }> => {
      const [row] = (await m.query(
        `SELECT id, code_hash, attempts, expires_at, consumed_at FROM ledger_wallet_otps
          WHERE tenant_id = $1 AND contact_id = $2 AND type = $3 AND value = $4 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [ctx.tenantId, contactId, identity.type, identity.value],
      )) as { id: string; code_hash: string; attempts: number; expires_at: Date; consumed_at: Date | null }[];
      const verdict = judgeWalletOtp(
        row ? { attempts: Number(row.attempts), expiresAt: new Date(row.expires_at), consumed: row.consumed_at !== null } : null,
        this.clock(),
        () => otpMatches(otp, this.otpKey, row!.id, row!.code_hash),
      );
      if (!verdict.ok) {
        if (verdict.counted) await m.query(`UPDATE ledger_wallet_otps SET attempts = attempts + 1 WHERE id = $1`, [row!.id]);
        return { refused: verdict.message };
      }
      return { id: row!.id };
    });
    if ('refused' in challengeId) throw AppError.validation('otp', challengeId.refused ?? 'refused', 'INVALID_OTP');
    // 2. consume it and link, in one transaction (a refused link leaves the code usable)
    return this.unit(ctx, async (m, now) => {
      const consumed = (await m.query(
        `UPDATE ledger_wallet_otps SET consumed_at = $2, attempts = attempts + 1 WHERE id = $1 AND consumed_at IS NULL RETURNING id`,
        [challengeId.id, now],
      )) as unknown[];
      // typeorm answers [rows, count] for an UPDATE … RETURNING
      const rows = Array.isArray(consumed[0]) ? (consumed[0] as unknown[]) : consumed;
      if (rows.length === 0) throw AppError.validation('otp', 'the one-time code was used', 'INVALID_OTP');
      const holderId = await this.holder(m, ctx.tenantId, identity);
      const target = holderId ? await this.walletRow(m, ctx.tenantId, holderId) : null;
      const version = target ? await this.lockWallet(m, ctx.tenantId, target.id) : 0;
      const [own] = (await m.query(
        `SELECT w.id, NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.tenant_id = $1 AND a.wallet_id = w.id AND (a.balance <> 0 OR a.blocked <> 0)) AS empty
           FROM ledger_wallets w WHERE w.tenant_id = $1 AND w.contact_id = $2 FOR UPDATE`,
        [ctx.tenantId, contactId],
      )) as { id: string; empty: boolean }[];
      const [link] = (await m.query(`SELECT wallet_id FROM ledger_wallet_links WHERE tenant_id = $1 AND contact_id = $2 FOR UPDATE`, [
        ctx.tenantId,
        contactId,
      ])) as { wallet_id: string }[];
      const changes = linkWallet({ contactId, target, own: own ?? null, linkedTo: link?.wallet_id ?? null, code });
      return { walletId: target!.id, version, changes, result: { walletId: target!.id, code: target!.code } };
    });
  }

  private async unit<R extends { walletId: string; code: string }>(
    ctx: RequestContext,
    work: (m: EntityManager, now: Date) => Promise<{ walletId: string; version: number; changes: WalletLinkChange[]; result: R }>,
  ): Promise<R & { consistency: { aggregateType: string; aggregateId: string; version: number } | null }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { out, wrote } = await this.dataSource.transaction(async (m) => {
          const now = this.clock();
          const { walletId, version, changes, result } = await work(m, now);
          let v = version;
          const envelopes = [];
          for (const c of changes) {
            v += 1;
            await this.persist(m, ctx.tenantId, c, now);
            envelopes.push(
              envelopeOf(ctx, { type: c.type, aggregateType: c.aggregateType, aggregateId: c.aggregateId, aggregateVersion: v, data: c.data }, now),
            );
          }
          if (envelopes.length > 0) {
            await m.query(`UPDATE ledger_wallets SET version = $3 WHERE tenant_id = $1 AND id = $2`, [ctx.tenantId, walletId, v]);
            await appendToOutbox(m, this.registry, envelopes);
          }
          return {
            out: { ...result, consistency: envelopes.length > 0 ? { aggregateType: 'wallet', aggregateId: walletId, version: v } : null },
            wrote: envelopes.length > 0,
          };
        });
        if (wrote) this.onCommitted();
        return out;
      } catch (err) {
        if (!(retryable(err) && attempt < 4)) throw err;
      }
    }
  }

  private async persist(m: EntityManager, tenantId: string, c: WalletLinkChange, now: Date): Promise<void> {
    if (c.type === 'wallet.identity_set') {
      await m.query(`INSERT INTO ledger_wallet_identities (tenant_id, type, value, wallet_id, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        tenantId,
        c.data.identity.type,
        c.data.identity.value,
        c.aggregateId,
        now,
      ]);
      return;
    }
    await m.query(`INSERT INTO ledger_wallet_links (tenant_id, contact_id, wallet_id, replaced_wallet_id, linked_at) VALUES ($1, $2, $3, $4, $5)`, [
      tenantId,
      c.data.contactId,
      c.aggregateId,
      c.data.replacedWalletId,
      now,
    ]);
  }

  private async holder(m: EntityManager, tenantId: string, identity: WalletIdentity): Promise<string | null> {
    const rows = (await m.query(`SELECT wallet_id FROM ledger_wallet_identities WHERE tenant_id = $1 AND type = $2 AND value = $3`, [
      tenantId,
      identity.type,
      identity.value,
    ])) as { wallet_id: string }[];
    return rows[0]?.wallet_id ?? null;
  }

  private async walletRow(m: EntityManager, tenantId: string, id: string) {
    const rows = (await m.query(`SELECT id, contact_id, code FROM ledger_wallets WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as {
      id: string;
      contact_id: string;
      code: string;
    }[];
    return rows[0] ? { id: rows[0].id, contactId: rows[0].contact_id, code: rows[0].code.trim() } : null;
  }

  /** The contact's wallet (linked, else its own). */
  private async walletOf(q: DataSource | EntityManager, tenantId: string, contactId: string) {
    const rows = (await q.query(
      `SELECT w.id, w.contact_id, w.code FROM ledger_wallets w LEFT JOIN ledger_wallet_links l ON l.tenant_id = $1 AND l.contact_id = $2
        WHERE w.tenant_id = $1 AND (w.id = l.wallet_id OR (l.wallet_id IS NULL AND w.contact_id = $2))`,
      [tenantId, contactId],
    )) as { id: string; contact_id: string; code: string }[];
    return rows[0] ? { id: rows[0].id, contactId: rows[0].contact_id, code: rows[0].code.trim() } : null;
  }

  private async lockWallet(m: EntityManager, tenantId: string, id: string): Promise<number> {
    const rows = (await m.query(`SELECT version FROM ledger_wallets WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id])) as {
      version: number;
    }[];
    if (!rows[0]) throw AppError.notFound('wallet', id);
    return Number(rows[0].version);
  }
}
