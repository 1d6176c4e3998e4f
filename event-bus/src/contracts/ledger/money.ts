// Amounts in ledger events are minor units of the currency's ISO-4217 exponent: the table both
// ledger sides read them with (the write side validates input with it, the read side formats).

/** ISO-4217 currencies whose minor unit is not 2 digits (everything else known to ICU has 2). Points (`PTS`) are whole. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
  PTS: 0,
};

const KNOWN = new Set<string>([...(Intl.supportedValuesOf?.('currency') ?? []), ...Object.keys(EXPONENTS)]);

/** The currency's exponent; null for a code that is not a currency. */
export function currencyExponent(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency) || !KNOWN.has(currency)) return null;
  return EXPONENTS[currency] ?? 2;
}

/** Exact minor units → the decimal string with the currency's exponent (-1250n, EUR → "-12.50"). */
export function formatMinor(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${whole}` : whole;
}
