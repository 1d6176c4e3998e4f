/** Billing periods, in whole UTC days (a service activated on any hour of its billing day pays the full period). */
export type PeriodUnit = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export interface BillingPeriod {
  duration: number;
  uot: PeriodUnit;
}

/** One service period: `start` inclusive, `end` exclusive, both UTC midnights as `YYYY-MM-DD`. */
export interface Cycle {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export const dayOf = (at: string | Date): string => (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
export const addDays = (day: string, n: number): string => dayOf(new Date(dayMs(day) + n * DAY_MS));

/** The day `n` periods after `day` (months keep the day of month: billing days are 1..28). */
export function addPeriods(day: string, period: BillingPeriod, n: number): string {
  const d = new Date(dayMs(day));
  switch (period.uot) {
    case 'DAY':
      return addDays(day, period.duration * n);
    case 'WEEK':
      return addDays(day, 7 * period.duration * n);
    case 'MONTH':
      d.setUTCMonth(d.getUTCMonth() + period.duration * n);
      return dayOf(d);
    case 'YEAR':
      d.setUTCFullYear(d.getUTCFullYear() + period.duration * n);
      return dayOf(d);
  }
}

/**
 * The first cycle of a subscription: it starts on the billing day on or before the first
 * activation (monthly and yearly cycles), or on the activation day itself (daily and weekly). A
 * billing day equal to the activation day makes a full first period.
 */
export function firstCycle(activatedOn: string, billingDay: number, period: BillingPeriod): Cycle {
  let start = activatedOn;
  if (period.uot === 'MONTH' || period.uot === 'YEAR') {
    const d = new Date(dayMs(activatedOn));
    const anchor = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), billingDay));
    if (d.getUTCDate() < billingDay) anchor.setUTCMonth(anchor.getUTCMonth() - 1);
    start = dayOf(anchor);
  }
  return { start, end: addPeriods(start, period, 1) };
}

export const nextCycle = (c: Cycle, period: BillingPeriod): Cycle => ({ start: c.end, end: addPeriods(c.end, period, 1) });

/** A half-open interval of days [from, to); `to` null = still open. */
export interface DayInterval {
  from: string;
  to: string | null;
}

/** Days of `cycle` covered by the intervals (open ones run to `openUntil`), less the days before `chargeFrom`. */
export function coveredDays(cycle: Cycle, intervals: DayInterval[], openUntil: string, chargeFrom: string | null): number {
  let days = 0;
  for (const i of intervals) {
    let from = i.from > cycle.start ? i.from : cycle.start;
    if (chargeFrom && chargeFrom > from) from = chargeFrom;
    const until = i.to ?? openUntil;
    const to = until < cycle.end ? until : cycle.end;
    if (to > from) days += daysBetween(from, to);
  }
  return days;
}
