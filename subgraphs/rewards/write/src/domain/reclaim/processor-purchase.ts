import { AppError } from '@crm/platform/errors';
import type { ProcessorPurchaseReceivedV1 } from '@crm/event-bus/contracts/rewards';

type Received = ProcessorPurchaseReceivedV1['data'];

/** A purchase a transaction processor submitted without a contact (flow 13), until a contact reclaims it. */
export interface ProcessorPurchaseState extends Received {
  id: string;
  version: number;
  claim: { contactId: string; purchaseId: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type ProcessorPurchaseChange =
  | { type: 'processor_purchase.received'; data: Received }
  | { type: 'processor_purchase.claimed'; data: { contactId: string; purchaseId: string } };

export function evolveProcessorPurchase(
  state: ProcessorPurchaseState | null,
  change: ProcessorPurchaseChange,
  meta: { version: number; at: Date },
): ProcessorPurchaseState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'processor_purchase.received':
      return { id: state?.id ?? '', version: meta.version, ...change.data, claim: null, createdAt: at, updatedAt: at };
    case 'processor_purchase.claimed':
      return { ...state!, claim: change.data, version: meta.version, updatedAt: at };
  }
}

export interface ReclaimPurchase {
  contactId: string;
  purchaseId: string;
  transactionCode: string | null;
  total: string | null;
  organisationId: string | null;
}

/**
 * Claims a processor's purchase for a contact (pure): once, and only with the details of the
 * receipt (the transaction code and total, the organisation when both name one). Anything that
 * does not match reads as "no such purchase" (the contact learns nothing of others' receipts).
 */
export function reclaimPurchase(state: ProcessorPurchaseState | null, cmd: ReclaimPurchase): ProcessorPurchaseChange[] {
  const mismatch = () => AppError.notFound('purchase', '');
  if (!state) throw mismatch();
  if (cmd.transactionCode !== null && cmd.transactionCode !== state.transactionCode) throw mismatch();
  if (cmd.total !== null && cmd.total !== state.amounts.total) throw mismatch();
  if (cmd.organisationId !== null && state.organisationId !== null && cmd.organisationId !== state.organisationId) throw mismatch();
  if (cmd.transactionCode === null && cmd.total === null)
    throw AppError.validation('transaction_code', 'name the receipt’s transaction code or total', 'REQUIRED');
  if (state.claim) {
    if (state.claim.contactId === cmd.contactId) return [];
    throw new AppError('CONFLICT', 'the purchase was reclaimed already', { reason: 'PURCHASE_ALREADY_CLAIMED' });
  }
  return [{ type: 'processor_purchase.claimed', data: { contactId: cmd.contactId, purchaseId: cmd.purchaseId } }];
}
