/**
 * The engine's proposed date for a change: the start (00:00 UTC) of the subscription's next
 * billing cycle, i.e. the first `billingDay` of a month strictly after `now` (pure).
 */
export function proposedDate(billingDay: number, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const thisMonth = new Date(Date.UTC(y, m, billingDay));
  return thisMonth.getTime() > now.getTime() ? thisMonth : new Date(Date.UTC(y, m + 1, billingDay));
}
