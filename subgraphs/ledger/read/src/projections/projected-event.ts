import type { LedgerEvent } from '@crm/event-bus/contracts/ledger';

/** A ledger event as the projections read it. */
export type ProjectedEvent = LedgerEvent;
export type Data<T extends LedgerEvent['type']> = Extract<LedgerEvent, { type: T }>['data'];
