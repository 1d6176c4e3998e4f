import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TimeSlot } from '@crm/event-bus/contracts/catalogue';
import { dayAndMinutesOf, isOpenAt, timeSlotsProblem } from './order-catalogue';

const slots: TimeSlot[] = [
  { dayOfWeek: 'MONDAY', startTime: '09:00', endTime: '17:30' },
  { dayOfWeek: 'SATURDAY', startTime: null, endTime: '12:00' },
  { dayOfWeek: 'SUNDAY', startTime: '20:00', endTime: null },
];

describe('order catalogue time availability', () => {
  const table: [string, number, boolean][] = [
    ['MONDAY', 9 * 60, true],
    ['MONDAY', 9 * 60 - 1, false],
    ['MONDAY', 17 * 60 + 29, true],
    ['MONDAY', 17 * 60 + 30, false],
    ['TUESDAY', 12 * 60, false],
    ['SATURDAY', 0, true],
    ['SATURDAY', 12 * 60, false],
    ['SUNDAY', 23 * 60 + 59, true],
    ['SUNDAY', 19 * 60, false],
  ];
  for (const [day, minutes, open] of table) {
    it(`${day} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')} → ${open ? 'open' : 'closed'}`, () =>
      assert.equal(isOpenAt(slots, day as TimeSlot['dayOfWeek'], minutes), open));
  }
  it('is always open without slots', () => assert.equal(isOpenAt([], 'WEDNESDAY', 3), true));
  it('reads an instant in UTC', () => assert.deepEqual(dayAndMinutesOf(new Date('2026-12-07T09:15:00Z')), { day: 'MONDAY', minutes: 555 }));
  it('refuses a slot ending before it starts', () => {
    assert.match(timeSlotsProblem([{ dayOfWeek: 'MONDAY', startTime: '10:00', endTime: '09:00' }])!, /slot 1: end_time/);
    assert.equal(timeSlotsProblem(slots), null);
  });
});
