import { randomInt } from 'node:crypto';

/** A small deterministic PRNG (mulberry32): the same seed gives the same fault schedule. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * The seed of a fault run: `FAULT_SEED` when set (to replay a failing run), a fresh random one
 * otherwise. Printed to stderr with `label` so every run can be replayed.
 */
export function faultSeed(label: string): number {
  const fromEnv = process.env['FAULT_SEED'];
  const seed = fromEnv && /^\d+$/.test(fromEnv) ? Number(fromEnv) : randomInt(1, 2 ** 31 - 1);
  process.stderr.write(`[faults] ${label}: seed ${seed} (replay with FAULT_SEED=${seed})\n`);
  return seed;
}

/** A uniform integer in [min, max]. */
export function between(rnd: () => number, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}
