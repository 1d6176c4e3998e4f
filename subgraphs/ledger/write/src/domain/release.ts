import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange, Reservation } from './book';
import { accountOf } from './post';

export function activeReservation(book: Book, reservationId: string): Reservation {
  const r = book.reservations[reservationId];
  if (!r) throw AppError.notFound('reservation', reservationId);
  if (r.state !== 'ACTIVE')
    throw new AppError('CONFLICT', `the reservation is ${r.state.toLowerCase()} already`, { reason: 'RESERVATION_NOT_ACTIVE' });
  return r;
}

/** The event that unblocks a reservation's funds with the given outcome. */
export function unblock(book: Book, r: Reservation, outcome: 'RELEASED' | 'CAPTURED' | 'EXPIRED'): LedgerChange {
  const account = accountOf(book, r.accountId);
  return {
    aggregateType: 'ledger_account',
    aggregateId: account.id,
    type: 'ledger_account.reservation_released',
    data: { reservationId: r.id, amount: r.amount.toString(), currency: account.currency, blocked: (account.blocked - r.amount).toString(), outcome },
  };
}

/** Releases an active reservation: its funds are spendable again, nothing is posted (pure). */
export function release(book: Book, cmd: { reservationId: string }): LedgerChange[] {
  return [unblock(book, activeReservation(book, cmd.reservationId), 'RELEASED')];
}

/** The schedule's release of a reservation past its expiry; nothing when it is not due or no longer active (pure). */
export function expireReservation(book: Book, cmd: { reservationId: string }, now: Date): LedgerChange[] {
  const r = book.reservations[cmd.reservationId];
  if (!r || r.state !== 'ACTIVE' || r.expiresAt === null || r.expiresAt > now) return [];
  return [unblock(book, r, 'EXPIRED')];
}
