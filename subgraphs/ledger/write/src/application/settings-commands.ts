import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { envelopeOf, type RequestContext } from '@crm/event-bus/kit';
import { appendToOutbox } from '@crm/event-bus/outbox';
import type { CommercePoolDefinition, WalletLimitRule } from '@crm/event-bus/contracts/ledger';
import type { SettingsChange } from '../domain/settings';
import { setCommercePoolActivation, setTenantLimits, updateWalletSettings, type WalletSettingsPatch } from '../domain/update-wallet-settings';
import { defineCommercePool } from '../domain/define-commerce-pool';
import * as settingsStore from '../persistence/settings-store';
import * as ledgerStore from '../persistence/ledger-store';
import { generateWalletCode } from './ledger-commands';
import type { Consistency } from './ledger-commands';

const RETRY = new Set(['40001', '40P01', '23505']);
const retryable = (err: unknown) => {
  const code = (err as { driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return typeof code === 'string' && RETRY.has(code);
};

/**
 * The ledger's non-monetary commands: wallet settings (top-ups, limits, commerce pool activations),
 * commerce pools, the tenant's default wallet limits and rotating wallet codes. Each is one database
 * transaction: lock the aggregate's row, decide (pure), write it and append its event to the outbox.
 */
export class LedgerSettingsCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly onCommitted: () => void,
    private readonly codeTtlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async unit<R>(
    ctx: RequestContext,
    work: (m: EntityManager, now: Date) => Promise<{ changes: SettingsChange[]; version: number; result: R }>,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, wrote } = await this.dataSource.transaction(async (m) => {
          const now = this.clock();
          const { changes, version, result } = await work(m, now);
          let v = version;
          const envelopes = [];
          for (const c of changes) {
            v += 1;
            await settingsStore.persistSettings(m, ctx.tenantId, c, v, now);
            envelopes.push(
              envelopeOf(ctx, { type: c.type, aggregateType: c.aggregateType, aggregateId: c.aggregateId, aggregateVersion: v, data: c.data }, now),
            );
          }
          if (envelopes.length > 0) await appendToOutbox(m, this.registry, envelopes);
          return { result, wrote: envelopes.length > 0 };
        });
        if (wrote) this.onCommitted();
        return result;
      } catch (err) {
        if (!(retryable(err) && attempt < 4)) throw err;
      }
    }
  }

  private async wallet(m: EntityManager, tenantId: string, ref: string, owner: string | null) {
    const w = await settingsStore.lockWallet(m, tenantId, ref);
    // another contact's wallet answers as if it did not exist
    if (!w || (owner !== null && w.contactId !== owner && !(await ledgerStore.contactUsesWallet(m, tenantId, owner, w.id))))
      throw AppError.notFound('wallet', ref);
    return w;
  }

  private static walletToken(id: string, version: number): Consistency {
    return { aggregateType: 'wallet', aggregateId: id, version };
  }

  /** Changes a wallet's top-up settings and/or limit rules. */
  updateWallet(
    ctx: RequestContext,
    walletRef: string,
    patch: WalletSettingsPatch,
    owner: string | null,
  ): Promise<{ walletId: string; consistency: Consistency }> {
    return this.unit(ctx, async (m) => {
      const w = await this.wallet(m, ctx.tenantId, walletRef, owner);
      const changes = updateWalletSettings(w, patch);
      return {
        changes,
        version: w.version,
        result: { walletId: w.id, consistency: LedgerSettingsCommands.walletToken(w.id, w.version + changes.length) },
      };
    });
  }

  /** A contact activates (or deactivates) a commerce pool on its wallet. */
  setPoolActivation(
    ctx: RequestContext,
    contactId: string,
    poolId: string,
    active: boolean,
  ): Promise<{ commercePoolId: string; consistency: Consistency }> {
    return this.unit(ctx, async (m, now) => {
      const wallet = await ledgerStore.findWalletOfContact(m, ctx.tenantId, contactId);
      if (!wallet) throw AppError.notFound('wallet', contactId);
      const w = await this.wallet(m, ctx.tenantId, wallet.id, null);
      const pool = await settingsStore.findCommercePool(m, ctx.tenantId, poolId);
      const changes = setCommercePoolActivation(w, pool, { commercePoolId: poolId, active }, now);
      return {
        changes,
        version: w.version,
        result: { commercePoolId: pool!.id, consistency: LedgerSettingsCommands.walletToken(w.id, w.version + changes.length) },
      };
    });
  }

  /** Creates (id null) or redefines a commerce pool of the tenant. */
  defineCommercePool(
    ctx: RequestContext,
    id: string | null,
    definition: CommercePoolDefinition,
  ): Promise<{ commercePoolId: string; consistency: Consistency }> {
    return this.unit(ctx, async (m) => {
      const pool = id ? await settingsStore.findCommercePool(m, ctx.tenantId, id, true) : null;
      if (id && !pool) throw AppError.notFound('commerce pool', id);
      const poolId = pool?.id ?? newId();
      const changes = defineCommercePool(pool, { id: poolId, definition });
      const version = pool?.version ?? 0;
      return {
        changes,
        version,
        result: { commercePoolId: poolId, consistency: { aggregateType: 'commerce_pool', aggregateId: poolId, version: version + changes.length } },
      };
    });
  }

  /** Sets the tenant's default wallet limit rules (every wallet without rules of its own). */
  setTenantLimits(ctx: RequestContext, rules: WalletLimitRule[]): Promise<{ consistency: Consistency }> {
    return this.unit(ctx, async (m) => {
      const current = await settingsStore.tenantLimits(m, ctx.tenantId, true);
      if (current.version === 0) await m.query(`SELECT pg_advisory_xact_lock(hashtext('ledger_limits:' || $1))`, [ctx.tenantId]);
      const changes = setTenantLimits(rules);
      return {
        changes,
        version: current.version,
        result: { consistency: { aggregateType: 'ledger_limits', aggregateId: 'default', version: current.version + 1 } },
      };
    });
  }

  /**
   * Issues a rotating wallet code: 16 digits naming the wallet (a spend or transfer may name the
   * wallet by it) for `codeTtlSeconds`; every call rotates to a new one.
   */
  async issueWalletCode(ctx: RequestContext, walletRef: string, owner: string | null): Promise<{ code: string; expiresAt: Date }> {
    return this.unit(ctx, async (m, now) => {
      const w = await this.wallet(m, ctx.tenantId, walletRef, owner);
      const code = generateWalletCode();
      const expiresAt = new Date(now.getTime() + this.codeTtlSeconds * 1000);
      await settingsStore.storeWalletCode(m, ctx.tenantId, w.id, code, expiresAt, now);
      return { changes: [], version: w.version, result: { code, expiresAt } };
    });
  }
}
