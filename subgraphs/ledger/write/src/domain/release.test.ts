import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expireReservation, release } from './release';
import { reserve } from './reserve';
import { evolveAll } from './book';
import { credited, fold, NOW, OPEN, opened, spec, uuid } from './ledger-test-kit';

function reserved(expiresAt: Date | null) {
  let h = opened();
  h = [...h, ...credited(h, '5.00', uuid(201))];
  return [
    ...h,
    ...reserve(fold(h), { reservationId: uuid(500), accountId: OPEN, amount: '3.00', currency: 'EUR', expiresAt }, new Date(NOW.getTime() - 120_000)),
  ];
}

describe('release and reservation expiry', () => {
  it('a release unblocks the funds and posts nothing; a second release conflicts', () => {
    const { given } = spec<{ reservationId: string }>((b, c) => release(b, c));
    const h = reserved(null);
    const events = given(...h)
      .when({ reservationId: uuid(500) })
      .events();
    assert.deepEqual(
      events.map((e) => [
        e.type,
        e.type === 'ledger_account.reservation_released' && e.data.outcome,
        e.type === 'ledger_account.reservation_released' && e.data.blocked,
      ]),
      [['ledger_account.reservation_released', 'RELEASED', '0']],
    );
    given(...h, ...events)
      .when({ reservationId: uuid(500) })
      .thenFails({ reason: 'RESERVATION_NOT_ACTIVE' });
  });

  it('the schedule expires a reservation only once it is due', () => {
    const { given } = spec<{ reservationId: string }>(expireReservation);
    given(...reserved(new Date(NOW.getTime() + 1000)))
      .when({ reservationId: uuid(500) })
      .then([]);
    const due = reserved(new Date(NOW.getTime() - 1000));
    const events = given(...due)
      .when({ reservationId: uuid(500) })
      .events();
    assert.equal(events[0]?.type === 'ledger_account.reservation_released' && events[0].data.outcome, 'EXPIRED');
    assert.equal(evolveAll(fold(due), events, NOW).accounts[OPEN]?.blocked, 0n);
  });
});
