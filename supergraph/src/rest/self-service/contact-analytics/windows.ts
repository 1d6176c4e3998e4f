import { AppError } from '@crm/platform/errors';

export const FREQUENCIES = ['THIS_MONTH', 'LAST_MONTH', 'LAST_QUARTER', 'LAST_SIX_MONTHS'] as const;
export const METRICS = ['ORDER_TOTALS', 'WALLET_TOTALS', 'AWARDS_PER_MONTH', 'REDEEMS_PER_MONTH'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export type Metric = (typeof METRICS)[number];

/** One calendar month (UTC): from its first instant to its last millisecond (the ledger's window is inclusive). */
export interface Month {
  from: Date;
  to: Date;
}

/** The calendar months (UTC) a frequency covers, oldest first: this month, last month, or the last 3 / 6 including this one. */
export function monthsOf(frequency: Frequency, now: Date): Month[] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const month = (offset: number): Month => ({
    from: new Date(Date.UTC(y, m + offset, 1)),
    to: new Date(Date.UTC(y, m + offset + 1, 1) - 1),
  });
  switch (frequency) {
    case 'THIS_MONTH':
      return [month(0)];
    case 'LAST_MONTH':
      return [month(-1)];
    case 'LAST_QUARTER':
      return [-2, -1, 0].map(month);
    case 'LAST_SIX_MONTHS':
      return [-5, -4, -3, -2, -1, 0].map(month);
  }
}

/** The query's frequency and metrics (both required; metrics comma separated), each refusal naming the parameter. */
export function parseAnalyticsQuery(search: URLSearchParams): { frequency: Frequency; metrics: Metric[] } {
  for (const name of new Set(search.keys())) {
    if (name !== 'frequency' && name !== 'metrics') throw AppError.validation(name, 'is not a supported query parameter', 'UNKNOWN_PARAMETER');
    if (search.getAll(name).length > 1) throw AppError.validation(name, 'must be given at most once', 'DUPLICATE_PARAMETER');
  }
  const frequency = search.get('frequency');
  if (!frequency) throw AppError.validation('frequency', 'is required', 'REQUIRED');
  if (!(FREQUENCIES as readonly string[]).includes(frequency))
    throw AppError.validation('frequency', `must be one of ${FREQUENCIES.join(', ')}`, 'INVALID_ENUM');
  const raw = (search.get('metrics') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (raw.length === 0) throw AppError.validation('metrics', `at least one of ${METRICS.join(', ')}`, 'REQUIRED');
  for (const m of raw)
    if (!(METRICS as readonly string[]).includes(m)) throw AppError.validation('metrics', `${m} is not one of ${METRICS.join(', ')}`, 'INVALID_ENUM');
  return { frequency: frequency as Frequency, metrics: [...new Set(raw)] as Metric[] };
}

/** Sums ledger totals of one transaction type and entry (decimal strings) as a number with at most 2 decimals for money, exact for points. */
export function sumOf(totals: { type: string; entry: string; amount: string }[], type: string, entry: 'CREDIT' | 'DEBIT'): number {
  let cents = 0n;
  let scale = 0;
  const parts = totals.filter((t) => t.type === type && t.entry === entry).map((t) => t.amount);
  for (const a of parts) scale = Math.max(scale, (a.split('.')[1] ?? '').length);
  for (const a of parts) {
    const [whole, frac = ''] = a.replace('-', '').split('.');
    const v = BigInt(whole + frac.padEnd(scale, '0'));
    cents += a.startsWith('-') ? -v : v;
  }
  return Number(cents) / 10 ** scale;
}
