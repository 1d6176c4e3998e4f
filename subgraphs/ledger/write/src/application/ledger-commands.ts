import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { claimIdempotencyKey, completeIdempotencyKey, hashRequest } from '@crm/platform/db';
import { canonicalId, newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { envelopeOf, type RequestContext } from '@crm/event-bus/kit';
import { appendToOutbox } from '@crm/event-bus/outbox';
import { type Book, emptyBook, evolveAll, type LedgerChange, type Pocket, type SystemAccount, type TransactionType } from '../domain/book';
import { openWallet } from '../domain/open-wallet';
import { openCommercePocket, openSystemAccount } from '../domain/open-account';
import { credit } from '../domain/credit';
import { debit } from '../domain/debit';
import { transfer } from '../domain/transfer';
import { reserve } from '../domain/reserve';
import { capture } from '../domain/capture';
import { expireReservation, release } from '../domain/release';
import { reverse } from '../domain/reverse';
import { expireLot } from '../domain/expire-lot';
import { exponentOf, parseAmount } from '../domain/money';
import { openContactAccount, type OpenContactAccount } from '../domain/open-contact-account';
import { updateAccount } from '../domain/update-account';
import type { AccountPatch } from '../domain/account-details';
import { checkWalletLimits, type LimitKind, periodStart } from '../domain/wallet-limits';
import * as store from '../persistence/ledger-store';
import * as settingsStore from '../persistence/settings-store';

/** Which account a command names: an account id, or a wallet (id or code) or contact and a pocket (OPEN by default; COMMERCE with a pool). */
export interface AccountRef {
  accountId?: string | null;
  walletId?: string | null;
  contactId?: string | null;
  pocket?: Pocket | null;
  commercePoolId?: string | null;
  /** ACCOUNT: the contact's financial account in the currency instead of a wallet pocket. */
  entity?: 'WALLET' | 'ACCOUNT' | null;
}

export interface Posting {
  accountId: string;
  amount: bigint;
  currency: string;
  balance: bigint;
}

export interface Consistency {
  aggregateType: string;
  aggregateId: string;
  version: number;
}

export interface TransactionResult {
  transactionId: string;
  type: string;
  postedAt: Date;
  postings: Posting[];
  consistency: Consistency | null;
  /** Every account the transaction moved, at its new version (what a read of the whole transaction waits for). */
  allConsistency: Consistency[];
}

export interface ReservationResult {
  reservationId: string;
  accountId: string;
  amount: bigint;
  currency: string;
  state: string;
  consistency: Consistency | null;
}

export interface Idempotent {
  scope: string;
  key: string;
  request: unknown;
}

interface Work<R> {
  book: Book;
  changes: LedgerChange[];
  result: (after: Book, now: Date) => R;
}

const PG_RETRY = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 4;

function retryable(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return typeof code === 'string' && PG_RETRY.has(code);
}

/** A random 16-digit wallet code (first digit not 0). */
export function generateWalletCode(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => String(b % 10));
  digits[0] = String((Number(digits[0]) % 9) + 1);
  return digits.join('');
}

/**
 * The ledger's command handler. Each command is ONE database transaction: claim the idempotency
 * key (same key + same request → the first answer; another request → conflict), lock the accounts
 * it moves (`SELECT … FOR UPDATE`, in id order), decide on them (pure), write the postings, lots,
 * reservations and cached balances, append the events to the outbox and store the key's answer.
 * Deadlocks, serialisation failures and a concurrent first opening of the same account retry on fresh state.
 */
export class LedgerCommands {
  /** In-process queues per account reference: see `inLane`. */
  private readonly lanes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly onCommitted: () => void,
    readonly defaultCurrency: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Runs commands on the same account reference one after another in this process. The database
   * row lock is what guarantees no overdraft (across replicas too); this queue only keeps a hot
   * wallet's waiting commands in memory instead of each holding a pooled connection while it waits
   * for the lock, so a burst on one wallet neither exhausts the pool nor times out other wallets' commands.
   */
  private inLane<R>(ctx: RequestContext, ref: AccountRef | string | null, run: () => Promise<R>): Promise<R> {
    const name = typeof ref === 'string' ? ref : ref ? (ref.accountId ?? ref.walletId ?? ref.contactId ?? null) : null;
    if (!name) return run();
    const key = `${ctx.tenantId}:${name.toLowerCase()}`;
    const next = (this.lanes.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.lanes.set(key, next);
    void next
      .finally(() => {
        if (this.lanes.get(key) === next) this.lanes.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private async unit<R>(
    ctx: RequestContext,
    idempotency: Idempotent | null,
    work: (m: EntityManager, now: Date) => Promise<Work<R>>,
    replay: (m: EntityManager, stored: unknown) => Promise<R>,
    stored: (r: R) => unknown,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, wrote } = await this.dataSource.transaction(async (m) => {
          if (idempotency) {
            const claimed = await claimIdempotencyKey<unknown>(m, ctx.tenantId, idempotency.scope, idempotency.key, hashRequest(idempotency.request));
            if (claimed) return { result: await replay(m, claimed.replay), wrote: false };
          }
          const now = this.clock();
          const { book, changes, result } = await work(m, now);
          const after = evolveAll(book, changes, now);
          if (changes.length > 0) {
            await store.persist(m, ctx.tenantId, book, after, changes, now);
            await appendToOutbox(m, this.registry, this.envelopes(ctx, book, changes, now));
          }
          const value = result(after, now);
          if (idempotency) await completeIdempotencyKey(m, ctx.tenantId, idempotency.scope, idempotency.key, stored(value));
          return { result: value, wrote: changes.length > 0 };
        });
        if (wrote) this.onCommitted();
        return result;
      } catch (err) {
        if (!(retryable(err) && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  private envelopes(ctx: RequestContext, book: Book, changes: LedgerChange[], now: Date) {
    const versions = new Map<string, number>();
    return changes.map((c) => {
      const current = versions.get(c.aggregateId) ?? (c.aggregateType === 'ledger_account' ? (book.accounts[c.aggregateId]?.version ?? 0) : 0);
      versions.set(c.aggregateId, current + 1);
      return envelopeOf(
        ctx,
        { type: c.type, aggregateType: c.aggregateType, aggregateId: c.aggregateId, aggregateVersion: current + 1, data: c.data },
        now,
      );
    });
  }

  /** Locks the accounts (id order) and loads their open lots into a book. */
  private async book(m: EntityManager, tenantId: string, accountIds: string[]): Promise<Book> {
    const book = emptyBook();
    const unique = [...new Set(accountIds)];
    for (const a of await store.lockAccounts(m, tenantId, unique)) book.accounts[a.id] = a;
    for (const l of await store.openLots(m, tenantId, unique)) book.lots[l.id] = l;
    return book;
  }

  /** The account a reference names; a commerce pool's pocket that is not open yet comes back as the changes that open it. */
  private async resolve(
    m: EntityManager,
    tenantId: string,
    ref: AccountRef,
    currency: string,
    field: string,
  ): Promise<{ id: string; open: LedgerChange[] }> {
    if (ref.accountId) {
      const account = await store.findAccount(m, tenantId, ref.accountId);
      if (!account) throw AppError.notFound('ledger account', ref.accountId);
      return { id: account.id, open: [] };
    }
    if (ref.entity === 'ACCOUNT') {
      if (!ref.contactId) throw AppError.validation(`${field}.contactId`, 'is required for an ACCOUNT', 'REQUIRED');
      const account = await store.findContactAccount(m, tenantId, ref.contactId, currency);
      if (account) return { id: account.id, open: [] };
      if (await store.findContactAccount(m, tenantId, ref.contactId, null))
        throw new AppError('VALIDATION', `currency: the contact has no ${currency} account`, { field: 'currency', reason: 'CURRENCY_MISMATCH' });
      throw AppError.notFound('ledger account', ref.contactId);
    }
    const wallet = ref.walletId
      ? ((await store.findWallet(m, tenantId, ref.walletId)) ?? (await this.walletOfDynamicCode(m, tenantId, ref.walletId)))
      : ref.contactId
        ? await store.findWalletOfContact(m, tenantId, ref.contactId)
        : null;
    if (!wallet) {
      if (!ref.walletId && !ref.contactId) throw AppError.validation(field, 'name an accountId, a walletId or a contactId', 'REQUIRED');
      throw AppError.notFound('wallet', ref.walletId ?? ref.contactId ?? '');
    }
    const pocket = ref.pocket ?? (ref.commercePoolId ? 'COMMERCE' : 'OPEN');
    const pool = pocket === 'COMMERCE' ? (ref.commercePoolId ?? null) : null;
    if (pocket === 'COMMERCE' && !pool) throw AppError.validation(`${field}.commercePoolId`, 'is required for the COMMERCE pocket', 'REQUIRED');
    exponentOf(currency, 'currency');
    const found = await store.findPocket(m, tenantId, wallet.id, pocket, pool, currency);
    if (found) return { id: found.id, open: [] };
    if (pocket !== 'COMMERCE')
      throw new AppError('VALIDATION', `currency: the wallet holds ${wallet.currency}, not ${currency}`, {
        field: 'currency',
        reason: 'CURRENCY_MISMATCH',
      });
    const id = newId();
    const book = emptyBook();
    book.wallets[wallet.id] = { id: wallet.id, contactId: wallet.contactId, code: wallet.code, currency: wallet.currency };
    return { id, open: openCommercePocket(book, { accountId: id, walletId: wallet.id, commercePoolId: pool!, currency }) };
  }

  /** A wallet named by a rotating code (GET /wallets/{id}/code) while the code is valid. */
  private async walletOfDynamicCode(m: EntityManager, tenantId: string, ref: string) {
    if (!/^\d{16}$/.test(ref)) return null;
    const id = await settingsStore.walletOfDynamicCode(m, tenantId, ref, this.clock());
    return id ? store.findWallet(m, tenantId, id) : null;
  }

  /**
   * Refuses a movement out of a wallet pocket beyond the wallet's limit rules (its own, else the
   * tenant's defaults) for the kind (DEBIT, TRANSFER), given what the wallet moved in each rule's period.
   */
  private async enforceLimits(
    m: EntityManager,
    tenantId: string,
    account: { walletId: string | null; currency: string } | undefined,
    kind: LimitKind,
    amount: string,
    now: Date,
    /** Movements of this wallet decided earlier in the same unit (a bulk), not in the database yet. */
    pending: { amount: bigint; count: number } = { amount: 0n, count: 0 },
  ) {
    if (!account?.walletId) return;
    const wallet = await settingsStore.lockWallet(m, tenantId, account.walletId);
    const rules = wallet?.settings.limitRules ?? (await settingsStore.tenantLimits(m, tenantId)).rules;
    const applicable = rules.filter((r) => r.currency === account.currency && r.appliesFor.includes(kind));
    if (applicable.length === 0) return;
    // what counts against a rule of the kind: movements out of the wallet (TRANSFER, DEBIT) or into it (TOP_UP, CREDIT)
    const types =
      kind === 'TRANSFER'
        ? ['TRANSFER']
        : kind === 'TOP_UP'
          ? ['TOP_UP']
          : kind === 'CREDIT'
            ? ['CREDIT', 'AWARD', 'MANUAL_JOURNAL', 'REFUND']
            : ['DEBIT', 'SPEND', 'CAPTURE', 'PAYOUT', 'PAYMENT'];
    const direction = kind === 'TOP_UP' || kind === 'CREDIT' ? 'in' : 'out';
    const usage = new Map<string, { amount: bigint; count: number }>();
    for (const r of applicable)
      usage.set(
        r.id,
        await settingsStore
          .walletUsage(m, tenantId, account.walletId, account.currency, types, periodStart(r.period, now), direction)
          .then((u) => ({ amount: u.amount + pending.amount, count: u.count + pending.count })),
      );
    checkWalletLimits(applicable, kind, account.currency, parseAmount(amount, account.currency), (r) => usage.get(r.id)!);
  }

  /** The tenant's system account of a kind and currency; the changes that open it the first time. */
  private async system(m: EntityManager, tenantId: string, kind: SystemAccount, currency: string): Promise<{ id: string; open: LedgerChange[] }> {
    const found = await store.findSystemAccount(m, tenantId, kind, currency);
    if (found) return { id: found.id, open: [] };
    const id = newId();
    return { id, open: openSystemAccount(emptyBook(), { accountId: id, systemAccount: kind, currency }) };
  }

  /** A book for the accounts, with the accounts being opened by this command already applied. */
  private async bookWith(m: EntityManager, tenantId: string, accountIds: string[], opening: LedgerChange[], now: Date) {
    const locked = await this.book(m, tenantId, accountIds);
    const opened = evolveAll(locked, opening, now);
    return { base: locked, book: opened };
  }

  private transactionResult(transactionId: string, main: string) {
    return (after: Book, now: Date): TransactionResult => {
      const tx = after.transactions[transactionId]!;
      const account = after.accounts[main];
      return {
        transactionId,
        type: tx.type,
        postedAt: now,
        postings: tx.postings.map((p) => {
          const a = after.accounts[p.accountId]!;
          return { accountId: p.accountId, amount: p.amount, currency: a.currency, balance: a.balance };
        }),
        consistency: account ? { aggregateType: 'ledger_account', aggregateId: account.id, version: account.version } : null,
        allConsistency: tx.postings.map((p) => ({
          aggregateType: 'ledger_account',
          aggregateId: p.accountId,
          version: after.accounts[p.accountId]!.version,
        })),
      };
    };
  }

  private replayTransaction = async (m: EntityManager, tenantId: string, stored: unknown): Promise<TransactionResult> => {
    const id = (stored as { transactionId: string }).transactionId;
    const tx = await store.transactionPostings(m, tenantId, id);
    if (!tx) throw AppError.notFound('ledger transaction', id);
    return { transactionId: id, type: tx.type, postedAt: tx.postedAt, postings: tx.postings, consistency: null, allConsistency: [] };
  };

  /** Opens the contact's wallet and primary account in the default currency; an existing wallet is returned as it is (once per contact). */
  async openWallet(
    ctx: RequestContext,
    contactRef: string,
    currency = this.defaultCurrency,
    /** The 16-digit code the wallet gets (flow 16's set-up); null: a random one. */
    code: string | null = null,
  ): Promise<{ walletId: string; code: string; opened: boolean }> {
    const contactId = canonicalId(contactRef);
    if (!contactId) throw AppError.validation('contactId', 'must be a contact id', 'INVALID_ID');
    for (let attempt = 1; ; attempt++) {
      const existing = await store.findWalletOfContact(this.dataSource, ctx.tenantId, contactId);
      if (existing) return { walletId: existing.id, code: existing.code, opened: false };
      if (code !== null && (await this.dataSource.query(`SELECT 1 FROM ledger_wallets WHERE code = $1`, [code])).length > 0)
        throw AppError.validation('code', 'is the code of another wallet', 'DUPLICATE');
      try {
        return await this.unit(
          ctx,
          null,
          async () => {
            const cmd = {
              walletId: newId(),
              contactId,
              code: code ?? generateWalletCode(),
              currency,
              openAccountId: newId(),
              businessAccountId: newId(),
              primaryAccountId: newId(),
            };
            return {
              book: emptyBook(),
              changes: openWallet(emptyBook(), cmd),
              result: () => ({ walletId: cmd.walletId, code: cmd.code, opened: true }),
            };
          },
          async () => {
            throw new Error('unreachable');
          },
          (r) => r,
        );
      } catch (err) {
        // a concurrent opening for the same contact (or a code collision): look again
        if (!(retryable(err) && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  /**
   * A movement between an account a reference names and a tenant system account (credits and
   * debits): both resolved (the first one opened when needed), locked in id order, then decided.
   */
  private againstSystem(
    ctx: RequestContext,
    key: Idempotent | null,
    input: { account: AccountRef; currency: string },
    system: SystemAccount,
    decide: (book: Book, ids: { transactionId: string; accountId: string; systemId: string }, now: Date) => LedgerChange[],
    limit: { kind: LimitKind; amount: string } | null = null,
  ): Promise<TransactionResult> {
    const transactionId = newId();
    return this.inLane(ctx, input.account, () =>
      this.unit(
        ctx,
        key,
        async (m, now) => {
          const target = await this.resolve(m, ctx.tenantId, input.account, input.currency, 'account');
          const other = await this.system(m, ctx.tenantId, system, input.currency);
          const opening = [...target.open, ...other.open];
          const { base, book } = await this.bookWith(m, ctx.tenantId, [target.id, other.id], opening, now);
          if (limit) await this.enforceLimits(m, ctx.tenantId, book.accounts[target.id], limit.kind, limit.amount, now);
          const changes = decide(book, { transactionId, accountId: target.id, systemId: other.id }, now);
          return { book: base, changes: [...opening, ...changes], result: this.transactionResult(transactionId, target.id) };
        },
        (m, s) => this.replayTransaction(m, ctx.tenantId, s),
        (r) => ({ transactionId: r.transactionId }),
      ),
    );
  }

  /** Credits an account (a wallet pocket gets a lot) from the tenant's `source` system account. */
  credit(
    ctx: RequestContext,
    input: {
      account: AccountRef;
      source: SystemAccount;
      amount: string;
      currency: string;
      type: TransactionType;
      expiresAt: Date | null;
      unlockAt: Date | null;
      notes?: string | null;
      reference?: string | null;
    },
    key: Idempotent | null,
  ): Promise<TransactionResult> {
    const { account: _account, source, ...rest } = input;
    // a wallet's TOP_UP and CREDIT limit rules bound what comes in (e.g. per KYC profile)
    return this.againstSystem(
      ctx,
      key,
      input,
      source,
      (book, ids, now) =>
        credit(book, { ...rest, transactionId: ids.transactionId, lotId: newId(), accountId: ids.accountId, sourceAccountId: ids.systemId }, now),
      { kind: input.type === 'TOP_UP' ? 'TOP_UP' : 'CREDIT', amount: input.amount },
    );
  }

  /** Debits an account into the tenant's `destination` system account, never beyond what it can spend. */
  debit(
    ctx: RequestContext,
    input: {
      account: AccountRef;
      destination: SystemAccount;
      amount: string;
      currency: string;
      type: TransactionType;
      notes?: string | null;
      reference?: string | null;
    },
    key: Idempotent | null,
  ): Promise<TransactionResult> {
    const { account: _account, destination, ...rest } = input;
    return this.againstSystem(
      ctx,
      key,
      input,
      destination,
      (book, ids, now) =>
        debit(book, { ...rest, transactionId: ids.transactionId, accountId: ids.accountId, destinationAccountId: ids.systemId }, now),
      { kind: 'DEBIT', amount: input.amount },
    );
  }

  async transfer(
    ctx: RequestContext,
    input: { from: AccountRef; to: AccountRef; amount: string; currency: string; notes?: string | null; reference?: string | null },
    key: Idempotent | null,
    /** A contact moving its own money: the origin must be one of its accounts (another's answers as not found). */
    owner: string | null = null,
  ): Promise<TransactionResult> {
    const transactionId = newId();
    return this.inLane(ctx, input.from, () =>
      this.unit(
        ctx,
        key,
        async (m, now) => {
          const from = await this.resolve(m, ctx.tenantId, input.from, input.currency, 'origin');
          const to = await this.resolve(m, ctx.tenantId, input.to, input.currency, 'destination');
          const { base, book } = await this.bookWith(m, ctx.tenantId, [from.id, to.id], [...from.open, ...to.open], now);
          const origin = book.accounts[from.id];
          if (owner !== null && origin?.contactId !== owner && !(await store.contactUsesWallet(m, ctx.tenantId, owner, origin?.walletId ?? null)))
            throw AppError.notFound('wallet', input.from.walletId ?? input.from.accountId ?? '');
          await this.enforceLimits(m, ctx.tenantId, book.accounts[from.id], 'TRANSFER', input.amount, now);
          const changes = transfer(
            book,
            {
              transactionId,
              lotId: newId(),
              fromAccountId: from.id,
              toAccountId: to.id,
              amount: input.amount,
              currency: input.currency,
              notes: input.notes,
              reference: input.reference,
            },
            now,
          );
          return { book: base, changes: [...from.open, ...to.open, ...changes], result: this.transactionResult(transactionId, from.id) };
        },
        (m, s) => this.replayTransaction(m, ctx.tenantId, s),
        (r) => ({ transactionId: r.transactionId }),
      ),
    );
  }

  /**
   * Several transfers as ONE ledger unit (POST /transfers/bulk): every account of every transfer is
   * resolved and locked (id order) first, then the transfers are decided one after the other on the
   * evolving book; any refusal (funds, limits, an unknown wallet) refuses the whole bulk and nothing
   * moves. One idempotency key for the bulk. Errors name the transfer: `<index>.<field>`.
   */
  async transferBulk(
    ctx: RequestContext,
    inputs: { from: AccountRef; to: AccountRef; amount: string; currency: string; notes?: string | null; reference?: string | null }[],
    key: Idempotent | null,
    owner: string | null = null,
  ): Promise<TransactionResult[]> {
    if (inputs.length === 0 || inputs.length > 100) throw AppError.validation('inputs', 'must hold 1 to 100 transfers', 'TOO_MANY');
    const ids = inputs.map(() => newId());
    // a refusal names its transfer: `<index>.<field>`
    const named = (i: number, err: unknown): unknown =>
      err instanceof AppError
        ? new AppError(err.code, `${i}.${err.message}`, { field: `${i}.${err.field ?? 'amount'}`, reason: err.reason as never })
        : err;
    const indexed = <T>(i: number, run: () => T): T => {
      try {
        return run();
      } catch (err) {
        throw named(i, err);
      }
    };
    const indexedAsync = async <T>(i: number, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (err) {
        throw named(i, err);
      }
    };
    return this.unit(
      ctx,
      key,
      async (m, now) => {
        const opening: LedgerChange[] = [];
        const sides: { from: string; to: string }[] = [];
        // one account per reference (a commerce pocket several transfers open is opened once)
        const seen = new Map<string, string>();
        const side = async (i: number, ref: AccountRef, currency: string, field: string) => {
          const k = JSON.stringify([ref.accountId, ref.walletId, ref.contactId, ref.pocket, ref.commercePoolId, ref.entity, currency]);
          const known = seen.get(k);
          if (known) return known;
          const r = await indexedAsync(i, () => this.resolve(m, ctx.tenantId, ref, currency, field));
          opening.push(...r.open);
          seen.set(k, r.id);
          return r.id;
        };
        for (const [i, t] of inputs.entries())
          sides.push({ from: await side(i, t.from, t.currency, 'origin'), to: await side(i, t.to, t.currency, 'destination') });
        const { base, book } = await this.bookWith(
          m,
          ctx.tenantId,
          sides.flatMap((x) => [x.from, x.to]),
          opening,
          now,
        );
        let current = book;
        const changes: LedgerChange[] = [];
        const sentBy = new Map<string, { amount: bigint; count: number }>();
        for (const [i, t] of inputs.entries()) {
          const { from, to } = sides[i]!;
          const origin = current.accounts[from];
          if (owner !== null && origin?.contactId !== owner && !(await store.contactUsesWallet(m, ctx.tenantId, owner, origin?.walletId ?? null)))
            throw AppError.notFound('wallet', t.from.walletId ?? t.from.accountId ?? '');
          const earlier = (origin?.walletId && sentBy.get(`${origin.walletId}:${origin.currency}`)) || { amount: 0n, count: 0 };
          await indexedAsync(i, () => this.enforceLimits(m, ctx.tenantId, origin, 'TRANSFER', t.amount, now, earlier));
          if (origin?.walletId)
            sentBy.set(`${origin.walletId}:${origin.currency}`, {
              amount: earlier.amount + indexed(i, () => parseAmount(t.amount, origin.currency)),
              count: earlier.count + 1,
            });
          const c = indexed(i, () =>
            transfer(
              current,
              {
                transactionId: ids[i]!,
                lotId: newId(),
                fromAccountId: from,
                toAccountId: to,
                amount: t.amount,
                currency: t.currency,
                notes: t.notes,
                reference: t.reference,
              },
              now,
            ),
          );
          current = evolveAll(current, c, now);
          changes.push(...c);
        }
        return {
          book: base,
          changes: [...opening, ...changes],
          result: (after, at) => ids.map((id, i) => this.transactionResult(id, sides[i]!.from)(after, at)),
        };
      },
      async (m, stored) => {
        const list = (stored as { transactionIds: string[] }).transactionIds;
        const out: TransactionResult[] = [];
        for (const id of list) out.push(await this.replayTransaction(m, ctx.tenantId, { transactionId: id }));
        return out;
      },
      (r) => ({ transactionIds: r.map((t) => t.transactionId) }),
    );
  }

  /** Locks a contact's financial accounts into a book (what opening or changing one of them decides on). */
  private async contactBook(m: EntityManager, tenantId: string, contactId: string): Promise<Book> {
    const rows = (await m.query(`SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND contact_id = $2 AND kind = 'CONTACT_ACCOUNT'`, [
      tenantId,
      contactId,
    ])) as { id: string }[];
    return this.book(
      m,
      tenantId,
      rows.map((r) => r.id),
    );
  }

  private accountResult(accountId: string) {
    return (after: Book): { accountId: string; consistency: Consistency | null } => {
      const a = after.accounts[accountId];
      return { accountId, consistency: a ? { aggregateType: 'ledger_account', aggregateId: a.id, version: a.version } : null };
    };
  }

  /**
   * Opens another financial account of a contact the ledger knows (it has a wallet). A contact
   * opens only its own (`owner`); another contact is not found.
   */
  async openContactAccount(
    ctx: RequestContext,
    input: Omit<OpenContactAccount, 'accountId'>,
    owner: string | null,
  ): Promise<{ accountId: string; consistency: Consistency | null }> {
    const contactId = canonicalId(input.contactId);
    if (!contactId || (owner !== null && owner !== contactId)) throw AppError.notFound('contact', input.contactId);
    const accountId = newId();
    return this.inLane(ctx, contactId, () =>
      this.unit(
        ctx,
        null,
        async (m) => {
          if (!(await store.findWalletOfContact(m, ctx.tenantId, contactId))) throw AppError.notFound('contact', contactId);
          const book = await this.contactBook(m, ctx.tenantId, contactId);
          return { book, changes: openContactAccount(book, { ...input, contactId, accountId }), result: this.accountResult(accountId) };
        },
        async () => {
          throw new Error('unreachable');
        },
        (r) => r,
      ),
    );
  }

  /** Changes a contact financial account's details (a contact only its own: another's is not found). */
  async updateAccount(
    ctx: RequestContext,
    accountId: string,
    patch: AccountPatch,
    owner: string | null,
  ): Promise<{ accountId: string; consistency: Consistency | null }> {
    return this.unit(
      ctx,
      null,
      async (m) => {
        const account = await store.findAccount(m, ctx.tenantId, accountId);
        if (!account || account.kind !== 'CONTACT_ACCOUNT' || (owner !== null && account.contactId !== owner))
          throw AppError.notFound('ledger account', accountId);
        const book = await this.contactBook(m, ctx.tenantId, account.contactId!);
        return { book, changes: updateAccount(book, { ...patch, accountId: account.id }), result: this.accountResult(account.id) };
      },
      async () => {
        throw new Error('unreachable');
      },
      (r) => r,
    );
  }

  private reservationResult(reservationId: string) {
    return (after: Book): ReservationResult => {
      const r = after.reservations[reservationId]!;
      const a = after.accounts[r.accountId]!;
      return {
        reservationId,
        accountId: r.accountId,
        amount: r.amount,
        currency: a.currency,
        state: r.state,
        consistency: { aggregateType: 'ledger_account', aggregateId: a.id, version: a.version },
      };
    };
  }

  private replayReservation = async (m: EntityManager, tenantId: string, stored: unknown): Promise<ReservationResult> => {
    const id = (stored as { reservationId: string }).reservationId;
    const r = await store.findReservation(m, tenantId, id);
    if (!r) throw AppError.notFound('reservation', id);
    const a = await store.findAccount(m, tenantId, r.accountId);
    return { reservationId: r.id, accountId: r.accountId, amount: r.amount, currency: a?.currency ?? '', state: r.state, consistency: null };
  };

  async reserve(
    ctx: RequestContext,
    input: { account: AccountRef; amount: string; currency: string; expiresAt: Date | null; reference?: string | null },
    key: Idempotent | null,
  ): Promise<ReservationResult> {
    const reservationId = newId();
    return this.inLane(ctx, input.account, () =>
      this.unit(
        ctx,
        key,
        async (m, now) => {
          const target = await this.resolve(m, ctx.tenantId, input.account, input.currency, 'account');
          const { base, book } = await this.bookWith(m, ctx.tenantId, [target.id], target.open, now);
          const changes = reserve(
            book,
            {
              reservationId,
              accountId: target.id,
              amount: input.amount,
              currency: input.currency,
              expiresAt: input.expiresAt,
              reference: input.reference,
            },
            now,
          );
          return { book: base, changes: [...target.open, ...changes], result: this.reservationResult(reservationId) };
        },
        (m, s) => this.replayReservation(m, ctx.tenantId, s),
        (r) => ({ reservationId: r.reservationId }),
      ),
    );
  }

  /** Loads a reservation under its account's lock. */
  private async reservationBook(
    m: EntityManager,
    tenantId: string,
    reservationId: string,
    others: string[],
    now: Date,
    opening: LedgerChange[] = [],
  ) {
    const r = await store.findReservation(m, tenantId, reservationId);
    if (!r) throw AppError.notFound('reservation', reservationId);
    const { base, book } = await this.bookWith(m, tenantId, [r.accountId, ...others], opening, now);
    const fresh = (await store.findReservation(m, tenantId, reservationId))!;
    base.reservations[fresh.id] = fresh;
    book.reservations[fresh.id] = fresh;
    return { base, book, reservation: fresh };
  }

  async capture(
    ctx: RequestContext,
    input: { reservationId: string; destination: AccountRef | null; destinationSystem: SystemAccount; amount: string | null; notes?: string | null },
    key: Idempotent | null,
  ): Promise<TransactionResult> {
    const transactionId = newId();
    return this.unit(
      ctx,
      key,
      async (m, now) => {
        const r = await store.findReservation(m, ctx.tenantId, input.reservationId);
        if (!r) throw AppError.notFound('reservation', input.reservationId);
        const account = (await store.findAccount(m, ctx.tenantId, r.accountId))!;
        const dest = input.destination
          ? await this.resolve(m, ctx.tenantId, input.destination, account.currency, 'destination')
          : await this.system(m, ctx.tenantId, input.destinationSystem, account.currency);
        const { base, book } = await this.reservationBook(m, ctx.tenantId, r.id, [dest.id], now, dest.open);
        const changes = capture(
          book,
          { reservationId: r.id, transactionId, destinationAccountId: dest.id, lotId: newId(), amount: input.amount, notes: input.notes },
          now,
        );
        return { book: base, changes: [...dest.open, ...changes], result: this.transactionResult(transactionId, r.accountId) };
      },
      (m, s) => this.replayTransaction(m, ctx.tenantId, s),
      (r) => ({ transactionId: r.transactionId }),
    );
  }

  async release(ctx: RequestContext, input: { reservationId: string }, key: Idempotent | null): Promise<ReservationResult> {
    return this.unit(
      ctx,
      key,
      async (m, now) => {
        const { base, book, reservation } = await this.reservationBook(m, ctx.tenantId, input.reservationId, [], now);
        return { book: base, changes: release(book, { reservationId: reservation.id }), result: this.reservationResult(reservation.id) };
      },
      (m, s) => this.replayReservation(m, ctx.tenantId, s),
      (r) => ({ reservationId: r.reservationId }),
    );
  }

  async reverse(ctx: RequestContext, input: { transactionId: string; notes?: string | null }, key: Idempotent | null): Promise<TransactionResult> {
    const reversalId = newId();
    return this.unit(
      ctx,
      key,
      async (m, now) => {
        const original = await store.findTransaction(m, ctx.tenantId, input.transactionId);
        if (!original) throw AppError.notFound('ledger transaction', input.transactionId);
        const accounts = original.postings.map((p) => p.accountId);
        const { base, book } = await this.bookWith(m, ctx.tenantId, accounts, [], now);
        // read again under the locks: a concurrent reversal of the same transaction has committed or waits
        const fresh = (await store.findTransaction(m, ctx.tenantId, original.id))!;
        base.transactions[fresh.id] = fresh;
        book.transactions[fresh.id] = fresh;
        const lotIds = Object.fromEntries(accounts.map((a) => [a, newId()]));
        const changes = reverse(book, { transactionId: fresh.id, reversalId, lotIds, notes: input.notes }, now);
        return { book: base, changes, result: this.transactionResult(reversalId, accounts[0]!) };
      },
      (m, s) => this.replayTransaction(m, ctx.tenantId, s),
      (r) => ({ transactionId: r.transactionId }),
    );
  }

  /**
   * The durable schedule's step: expires up to `limit` due lots and reservations (any tenant),
   * each in its own transaction under its account's lock; the due rows themselves are the
   * schedule (they survive restarts; a lot expired by another replica is simply not due any more).
   */
  async expireDue(limit = 100): Promise<{ lots: number; reservations: number }> {
    const now = this.clock();
    const due = (await this.dataSource.query(
      `(SELECT 'lot' AS what, id, tenant_id, account_id FROM ledger_lots WHERE remaining > 0 AND expires_at <= $1 ORDER BY expires_at LIMIT $2)
       UNION ALL
       (SELECT 'reservation', id, tenant_id, account_id FROM ledger_reservations WHERE state = 'ACTIVE' AND expires_at <= $1 ORDER BY expires_at LIMIT $2)`,
      [now, limit],
    )) as { what: 'lot' | 'reservation'; id: string; tenant_id: string; account_id: string }[];
    const done = { lots: 0, reservations: 0 };
    for (const row of due) {
      const ctx: RequestContext = { tenantId: row.tenant_id, correlationId: newId(), actor: { kind: 'system', id: 'ledger-schedule' } };
      const changed = await this.unit(
        ctx,
        null,
        async (m, at) => {
          const account = await store.findAccount(m, row.tenant_id, row.account_id);
          if (!account) return { book: emptyBook(), changes: [], result: () => false };
          if (row.what === 'lot') {
            const expiry = await this.system(m, row.tenant_id, 'EXPIRY', account.currency);
            const { base, book } = await this.bookWith(m, row.tenant_id, [account.id, expiry.id], expiry.open, at);
            const changes = expireLot(book, { lotId: row.id, transactionId: newId(), expiryAccountId: expiry.id }, at);
            return { book: base, changes: changes.length > 0 ? [...expiry.open, ...changes] : [], result: () => changes.length > 0 };
          }
          const { base, book } = await this.reservationBook(m, row.tenant_id, row.id, [], at);
          const changes = expireReservation(book, { reservationId: row.id }, at);
          return { book: base, changes, result: () => changes.length > 0 };
        },
        async () => false,
        (r) => r,
      );
      if (changed) done[row.what === 'lot' ? 'lots' : 'reservations']++;
    }
    return done;
  }
}
