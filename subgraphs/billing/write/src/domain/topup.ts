import type { GATEWAYS, TopupEvent } from '@crm/event-bus/contracts/billing';

export type TopupStatus = 'REQUESTED' | 'CHARGED' | 'DECLINED' | 'COMPLETED';

/**
 * One top-up: REQUESTED (the charge is being made; a retry looks it up by its key) → CHARGED
 * (money taken; the wallet credit is owed) → COMPLETED (credited once through the ledger), or
 * DECLINED (nothing moved).
 */
export interface TopupState {
  id: string;
  version: number;
  status: TopupStatus;
  contactId: string;
  walletId: string;
  paymentMethodId: string;
  gateway: (typeof GATEWAYS)[number];
  /** Canonical decimal string of the currency. */
  amount: string;
  currency: string;
  notes: string | null;
  chargeId: string | null;
  declineCode: string | null;
  declineReason: string | null;
  ledgerTransactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type TopupChange = TopupEvent extends infer E ? (E extends TopupEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveTopup(state: TopupState | null, event: TopupChange, meta: { version: number; at: Date }): TopupState {
  const at = meta.at;
  if (event.type === 'topup.requested') {
    return {
      id: state?.id ?? '',
      version: meta.version,
      status: 'REQUESTED',
      ...event.data,
      chargeId: null,
      declineCode: null,
      declineReason: null,
      ledgerTransactionId: null,
      createdAt: at,
      updatedAt: at,
    };
  }
  const s = { ...(state as TopupState), version: meta.version, updatedAt: at };
  switch (event.type) {
    case 'topup.charged':
      return { ...s, status: 'CHARGED', chargeId: event.data.chargeId };
    case 'topup.declined':
      return { ...s, status: 'DECLINED', declineCode: event.data.code, declineReason: event.data.reason };
    case 'topup.completed':
      return { ...s, status: 'COMPLETED', ledgerTransactionId: event.data.ledgerTransactionId };
  }
}
