/**
 * When the event carried by a bus message was written (its envelope's `occurredAt`, epoch ms), or
 * `fallback` when the value is not an envelope with a parseable time. Freshness asks it of at most
 * one message per partition per read, so it parses lazily rather than on every delivery.
 */
export function eventTimeOf(value: string | null | undefined, fallback: number | null = null): number | null {
  if (!value) return fallback;
  try {
    const occurredAt = (JSON.parse(value) as { occurredAt?: unknown }).occurredAt;
    const t = typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.NaN;
    return Number.isFinite(t) ? t : fallback;
  } catch {
    return fallback;
  }
}
