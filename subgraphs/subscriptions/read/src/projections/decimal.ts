/** Exact decimal arithmetic on strings with at most 6 decimals (micro-units in bigint; never floats). */
const SCALE = 6;
const UNIT = 10n ** BigInt(SCALE);

export function toMicros(s: string): bigint {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  if (frac.length > SCALE && /[1-9]/.test(frac.slice(SCALE))) throw new Error(`more than ${SCALE} decimals: ${s}`);
  const v = BigInt(m[2]!) * UNIT + BigInt(frac.slice(0, SCALE));
  return m[1] === '-' ? -v : v;
}

export function fromMicros(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % UNIT).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / UNIT}${frac ? `.${frac}` : ''}`;
}

export const minOf = (...vs: bigint[]): bigint => vs.reduce((m, v) => (v < m ? v : m));
