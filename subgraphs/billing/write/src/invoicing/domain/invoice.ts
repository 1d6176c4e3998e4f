import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import type { InvoiceEvent, invoiceDocumentSchema } from '@crm/event-bus/contracts/billing';
import { decimalOf, minorFromDecimal } from './decimal';

export type InvoiceDocument = z.infer<typeof invoiceDocumentSchema>;
export type InvoiceStateName = 'ISSUED' | 'POSTED' | 'VOIDED';

/**
 * One invoice or credit note: ISSUED (numbered; its posting to the account through the ledger is
 * owed, once, by the key `invoice:<id>:post`) → POSTED, and an invoice → VOIDED when a credit note
 * for what is left of it was issued.
 */
export interface InvoiceState {
  id: string;
  version: number;
  state: InvoiceStateName;
  document: InvoiceDocument;
  ledgerTransactionId: string | null;
  /** What credit notes took off this invoice (decimal string). */
  credited: string;
  voidReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type InvoiceChange = InvoiceEvent extends infer E ? (E extends InvoiceEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolveInvoice(state: InvoiceState | null, event: InvoiceChange, meta: { version: number; at: Date }): InvoiceState {
  if (event.type === 'invoice.issued')
    return {
      id: state?.id ?? '',
      version: meta.version,
      state: 'ISSUED',
      document: event.data,
      ledgerTransactionId: null,
      credited: decimalOf(0n, event.data.currency),
      voidReason: null,
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  const s = { ...(state as InvoiceState), version: meta.version, updatedAt: meta.at };
  const currency = s.document.currency;
  switch (event.type) {
    case 'invoice.posted':
      return { ...s, state: s.state === 'ISSUED' ? 'POSTED' : s.state, ledgerTransactionId: event.data.ledgerTransactionId };
    case 'invoice.credited':
      return { ...s, credited: decimalOf(minorFromDecimal(s.credited, currency) + minorFromDecimal(event.data.amount, currency), currency) };
    case 'invoice.voided':
      return { ...s, state: 'VOIDED', voidReason: event.data.reason, credited: s.document.total };
  }
}

export const issueDocument = (document: InvoiceDocument): InvoiceChange[] => [{ type: 'invoice.issued', data: document }];

/** Records the ledger posting (once: a posted document records nothing more). */
export function recordPosting(state: InvoiceState | null, ledgerTransactionId: string | null): InvoiceChange[] {
  if (!state) throw AppError.notFound('invoice', '');
  if (state.state !== 'ISSUED' || state.ledgerTransactionId) return [];
  return [{ type: 'invoice.posted', data: { ledgerTransactionId } }];
}

/** What can still be credited on an invoice (its total less earlier credit notes), in minor units. */
export function creditableOf(state: InvoiceState): bigint {
  const c = state.document.currency;
  return minorFromDecimal(state.document.total, c) - minorFromDecimal(state.credited, c);
}

/** A credit note of `amount` (minor units) against the invoice: refused for a credit note, a voided invoice, or more than is left. */
export function creditInvoice(state: InvoiceState | null, creditNoteId: string, amount: bigint): InvoiceChange[] {
  if (!state || state.document.kind !== 'INVOICE') throw AppError.notFound('invoice', '');
  if (state.state === 'VOIDED') throw new AppError('VALIDATION', 'invoice: it is voided', { field: 'invoice', reason: 'INVOICE_VOIDED' });
  if (amount <= 0n) throw AppError.validation('amount', 'must be greater than zero', 'INVALID_AMOUNT');
  if (amount > creditableOf(state))
    throw new AppError('VALIDATION', `amount: at most ${decimalOf(creditableOf(state), state.document.currency)} can be credited on this invoice`, {
      field: 'amount',
      reason: 'AMOUNT_ABOVE_INVOICE',
    });
  return [{ type: 'invoice.credited', data: { creditNoteId, amount: decimalOf(amount, state.document.currency) } }];
}

/** Voids an invoice: a credit note for what is left of it (`creditNoteId`) makes it owe nothing. */
export function voidInvoice(state: InvoiceState | null, creditNoteId: string, reason: string | null): InvoiceChange[] {
  if (!state || state.document.kind !== 'INVOICE') throw AppError.notFound('invoice', '');
  if (state.state === 'VOIDED') return [];
  if (state.state !== 'POSTED')
    throw new AppError('CONFLICT', 'invoice: it is being posted; void it once posted', { field: 'invoice', reason: 'INVOICE_NOT_POSTED' });
  return [{ type: 'invoice.voided', data: { creditNoteId, reason } }];
}
