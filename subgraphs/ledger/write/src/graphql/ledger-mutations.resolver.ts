import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { RequestContext } from '@crm/event-bus/kit';
import type { Consistency, Idempotent, LedgerCommands, ReservationResult, TransactionResult } from '../application/ledger-commands';
import { formatMinor } from '../domain/money';
import {
  LedgerCaptureInput,
  LedgerCreditInput,
  LedgerDebitInput,
  LedgerManualJournalInput,
  LedgerReservationRefInput,
  LedgerReserveInput,
  LedgerReverseInput,
  LedgerTransferInput,
  type LedgerAccountRefInput,
} from './inputs';
import { LedgerReservationPayload, LedgerTransactionPayload, LedgerTransferBulkPayload, OpenWalletPayload } from './payloads';

const KEY = {
  description: 'Required: the same key and input return the first result (no second effect); the same key with another input is a conflict.',
};

function request(ctx: SubgraphContext): RequestContext {
  return { tenantId: ctx.principal.tenantId, correlationId: ctx.correlationId, actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId } };
}

const ref = (r: LedgerAccountRefInput | null | undefined) => ({
  accountId: r?.accountId ?? null,
  walletId: r?.walletId ?? null,
  contactId: r?.contactId ?? null,
  pocket: r?.pocket ?? null,
  commercePoolId: r?.commercePoolId ?? null,
});

const token = (c: Consistency | null) => (c ? formatConsistencyToken(c) : null);

function transactionPayload(r: TransactionResult): LedgerTransactionPayload {
  return {
    transaction: {
      id: r.transactionId,
      type: r.type,
      postedAt: r.postedAt,
      postings: r.postings.map((p) => ({
        accountId: p.accountId,
        amount: formatMinor(p.amount, p.currency),
        currency: p.currency,
        balance: formatMinor(p.balance, p.currency),
      })),
    },
    consistencyToken: token(r.consistency),
    consistencyTokens: r.allConsistency.map((c) => formatConsistencyToken(c)),
    errors: [],
  };
}

function reservationPayload(r: ReservationResult): LedgerReservationPayload {
  return {
    reservation: { id: r.reservationId, accountId: r.accountId, amount: formatMinor(r.amount, r.currency), currency: r.currency, state: r.state },
    consistencyToken: token(r.consistency),
    errors: [],
  };
}

const noTransaction = (): LedgerTransactionPayload => ({ transaction: null, consistencyToken: null, consistencyTokens: [], errors: [] });
const noReservation = (): LedgerReservationPayload => ({ reservation: null, consistencyToken: null, errors: [] });

/** The ledger's synchronous commands: other domains call them through the gateway with a service principal and an idempotency key. */
@Resolver()
export class LedgerMutationsResolver {
  constructor(private readonly commands: LedgerCommands) {}

  private key(scope: string, key: string, input: unknown): Idempotent {
    return { scope: `ledger.${scope}`, key, request: input };
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerTransactionPayload, {
    description: 'Credits an account from a tenant system account; a wallet pocket gets a lot (expiry, unlock).',
  })
  ledgerCredit(
    @Arg('input', () => LedgerCreditInput) input: LedgerCreditInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    const cmd = { ...input, account: ref(input.account), expiresAt: input.expiresAt ?? null, unlockAt: input.unlockAt ?? null };
    return asPayload(
      async () => transactionPayload(await this.commands.credit(request(ctx), cmd, this.key('credit', idempotencyKey, cmd))),
      noTransaction,
    );
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerTransactionPayload, {
    description: 'Debits an account into a tenant system account; never beyond what it can spend (INSUFFICIENT_FUNDS).',
  })
  ledgerDebit(
    @Arg('input', () => LedgerDebitInput) input: LedgerDebitInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    const cmd = { ...input, account: ref(input.account) };
    return asPayload(
      async () => transactionPayload(await this.commands.debit(request(ctx), cmd, this.key('debit', idempotencyKey, cmd))),
      noTransaction,
    );
  }

  @Authorized(['ledger.write', SELF])
  @Mutation(() => LedgerTransactionPayload, { description: 'Moves value between two accounts of one currency. A contact moves only its own money.' })
  ledgerTransfer(
    @Arg('input', () => LedgerTransferInput) input: LedgerTransferInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    const cmd = { ...input, from: ref(input.from), to: ref(input.to) };
    const owner = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
    return asPayload(
      async () => transactionPayload(await this.commands.transfer(request(ctx), cmd, this.key('transfer', idempotencyKey, cmd), owner)),
      noTransaction,
    );
  }

  @Authorized(['ledger.write', SELF])
  @Mutation(() => LedgerTransferBulkPayload, {
    description:
      'Up to 100 transfers as one unit: all are posted, or none (the first refusal names its transfer, `<index>.<field>`). One idempotency key for the bulk.',
  })
  async ledgerTransferBulk(
    @Arg('inputs', () => [LedgerTransferInput]) inputs: LedgerTransferInput[],
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransferBulkPayload> {
    const cmds = inputs.map((input) => ({ ...input, from: ref(input.from), to: ref(input.to) }));
    return asPayload(
      async (): Promise<LedgerTransferBulkPayload> => {
        const owner = ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null;
        const results = await this.commands.transferBulk(request(ctx), cmds, this.key('transfer_bulk', idempotencyKey, cmds), owner);
        const payloads = results.map(transactionPayload);
        return {
          transactions: payloads.map((p) => p.transaction!),
          consistencyToken: null,
          consistencyTokens: [...new Set(payloads.flatMap((p) => p.consistencyTokens))],
          errors: [],
        };
      },
      (): LedgerTransferBulkPayload => ({ transactions: [], consistencyToken: null, consistencyTokens: [], errors: [] }),
    );
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerReservationPayload, { description: 'Blocks funds until captured, released or expired.' })
  ledgerReserve(
    @Arg('input', () => LedgerReserveInput) input: LedgerReserveInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerReservationPayload> {
    const cmd = { ...input, account: ref(input.account), expiresAt: input.expiresAt ?? null };
    return asPayload(
      async () => reservationPayload(await this.commands.reserve(request(ctx), cmd, this.key('reserve', idempotencyKey, cmd))),
      noReservation,
    );
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerTransactionPayload, { description: 'Captures a reservation (all or part of it) to a destination; the rest is released.' })
  ledgerCapture(
    @Arg('input', () => LedgerCaptureInput) input: LedgerCaptureInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    const cmd = { ...input, amount: input.amount ?? null, destination: input.destination ? ref(input.destination) : null };
    return asPayload(
      async () => transactionPayload(await this.commands.capture(request(ctx), cmd, this.key('capture', idempotencyKey, cmd))),
      noTransaction,
    );
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerReservationPayload, { description: 'Releases a reservation: its funds are spendable again.' })
  ledgerRelease(
    @Arg('input', () => LedgerReservationRefInput) input: LedgerReservationRefInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerReservationPayload> {
    const cmd = { reservationId: input.reservationId };
    return asPayload(
      async () => reservationPayload(await this.commands.release(request(ctx), cmd, this.key('release', idempotencyKey, cmd))),
      noReservation,
    );
  }

  @Authorized(['ledger.write'])
  @Mutation(() => LedgerTransactionPayload, {
    description: 'Reverses a transaction with the opposite postings (once; posted entries are never edited).',
  })
  ledgerReverse(
    @Arg('input', () => LedgerReverseInput) input: LedgerReverseInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    const cmd = { transactionId: input.transactionId, notes: input.notes ?? null };
    return asPayload(
      async () => transactionPayload(await this.commands.reverse(request(ctx), cmd, this.key('reverse', idempotencyKey, cmd))),
      noTransaction,
    );
  }

  @Authorized(['ledger.journal', 'finance.write'])
  @Mutation(() => LedgerTransactionPayload, {
    description:
      "Back-Office manual journal: CREDIT or DEBIT a contact's WALLET (its OPEN pocket, or a commerce pool's) or ACCOUNT, against the tenant's WRITE_OFF account.",
  })
  postManualJournal(
    @Arg('input', () => LedgerManualJournalInput) input: LedgerManualJournalInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerTransactionPayload> {
    return asPayload(async () => {
      if (input.action !== 'CREDIT' && input.action !== 'DEBIT') throw AppError.validation('action', 'must be CREDIT or DEBIT', 'INVALID_ENUM');
      if (input.entity !== 'WALLET' && input.entity !== 'ACCOUNT') throw AppError.validation('entity', 'must be WALLET or ACCOUNT', 'INVALID_ENUM');
      const account = { contactId: input.contactId, entity: input.entity, commercePoolId: input.commercePoolId ?? null } as const;
      const common = { account, amount: input.amount, currency: input.currency, type: 'MANUAL_JOURNAL' as const, notes: input.notes ?? null };
      const scope = this.key('journal', idempotencyKey, input);
      const result =
        input.action === 'CREDIT'
          ? await this.commands.credit(request(ctx), { ...common, source: 'WRITE_OFF', expiresAt: null, unlockAt: null }, scope)
          : await this.commands.debit(request(ctx), { ...common, destination: 'WRITE_OFF' }, scope);
      return transactionPayload(result);
    }, noTransaction);
  }

  @Authorized(['ledger.write', 'ledger.journal', 'finance.write'])
  @Mutation(() => OpenWalletPayload, {
    description:
      "Opens a contact's wallet and primary account (the ledger does it by itself when a contact is created); returns the existing one if any.",
  })
  openWallet(@Arg('contactId', () => String) contactId: string, @Ctx() ctx: SubgraphContext): Promise<OpenWalletPayload> {
    return asPayload<OpenWalletPayload>(
      async () => {
        const r = await this.commands.openWallet(request(ctx), contactId);
        return {
          walletId: r.walletId,
          code: r.code,
          consistencyToken: formatConsistencyToken({ aggregateType: 'wallet', aggregateId: r.walletId, version: 1 }),
          errors: [],
        };
      },
      () => ({ walletId: null, code: null, consistencyToken: null, errors: [] }),
    );
  }
}
