/**
 * Time and money as the CRM.COM contracts write them. Timestamps are epoch seconds (a GraphQL
 * DateTimeISO string, epoch milliseconds or a Date in; whole seconds out, rounded down).
 */
export function epochSeconds(value: string | number | Date): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Math.floor(ms / 1000);
}

/** Epoch seconds (as a REST body sends them) → the ISO-8601 string a GraphQL DateTimeISO input takes. */
export function isoOfEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/**
 * A money amount in minor units (GraphQL `Int` cents) → the contracts' decimal number with the
 * currency's exponent (2 unless the currency says otherwise), and back. No route uses money yet;
 * these are here so the first domain that does (orders, wallets, rewards) does not invent its own.
 */
export function moneyOfMinorUnits(minor: number, exponent = 2): number {
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

export function minorUnitsOfMoney(amount: number, exponent = 2): number {
  return Math.round(amount * 10 ** exponent);
}
