/**
 * Exact decimal amounts: strings such as "12.50" in and out, bigint micro-units (6 fraction
 * digits) in between. Never a float.
 */
export const SCALE = 6;
const UNIT = 10n ** BigInt(SCALE);

/** "12.5" → 12_500_000n; throws on anything that is not a non-negative decimal of at most 6 fraction digits. */
export function toMicros(amount: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(amount);
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  return BigInt(m[1]!) * UNIT + BigInt((m[2] ?? '').padEnd(SCALE, '0'));
}

/** 12_500_000n → "12.50": at least two fraction digits, trailing zeros beyond them dropped. */
export function fromMicros(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = abs / UNIT;
  let fraction = (abs % UNIT).toString().padStart(SCALE, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/** The same amount written canonically ("012.500" → "12.50"). */
export const normaliseAmount = (amount: string): string => fromMicros(toMicros(amount));
