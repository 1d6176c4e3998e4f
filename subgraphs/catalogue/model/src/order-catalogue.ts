import type { DayOfWeek, OrderCatalogueDetails, OrderCatalogueEvent, TimeSlot } from '@crm/event-bus/contracts/catalogue';
import { definedOnly, type ChangeOf } from './product';

export interface OrderCatalogueState extends OrderCatalogueDetails {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type OrderCatalogueChange = ChangeOf<OrderCatalogueEvent>;

export function evolveOrderCatalogue(
  state: OrderCatalogueState | null,
  event: OrderCatalogueChange,
  meta: { version: number; at: Date },
): OrderCatalogueState {
  const stamp = { version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'order_catalogue.created':
      return { id: state?.id ?? '', ...event.data, createdAt: meta.at, ...stamp };
  }
  if (!state) throw new Error(`${event.type} before order_catalogue.created`);
  return { ...state, ...definedOnly(event.data), ...stamp };
}

const DAYS: DayOfWeek[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/**
 * Whether a catalogue with these slots takes orders at `day` + `minutes` after midnight (the
 * caller's local time): no slots = always; otherwise some slot of that day with
 * start <= time < end (a null start/end is the start/end of the day).
 */
export function isOpenAt(slots: readonly TimeSlot[], day: DayOfWeek, minutes: number): boolean {
  if (slots.length === 0) return true;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return slots.some(
    (s) =>
      s.dayOfWeek === day && (s.startTime === null || toMinutes(s.startTime) <= minutes) && (s.endTime === null || minutes < toMinutes(s.endTime)),
  );
}

/** The day and minutes of a UTC instant (ordering_time is an epoch second; slots are read in UTC). */
export function dayAndMinutesOf(at: Date): { day: DayOfWeek; minutes: number } {
  return { day: DAYS[at.getUTCDay()]!, minutes: at.getUTCHours() * 60 + at.getUTCMinutes() };
}

/** Why the slots are refused (null = fine): an end not after its start. */
export function timeSlotsProblem(slots: readonly TimeSlot[]): string | null {
  const bad = slots.findIndex((s) => s.startTime !== null && s.endTime !== null && s.endTime <= s.startTime);
  return bad < 0 ? null : `slot ${bad + 1}: end_time must be after start_time`;
}
