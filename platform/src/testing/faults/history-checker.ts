/**
 * History checker for fault tests: compares what the write side committed (outbox / event
 * history, per aggregate) with what came out the other end (a consumed stream, or the log of
 * applications to a read model) and reports every broken guarantee in one structured report.
 *
 *   const report = checkHistory(written, consumed, { duplicates: 'allowed' });   // at-least-once stream
 *   const report = checkHistory(written, applied, { duplicates: 'forbidden' });  // exactly-once effects
 *   assert.ok(report.ok, formatHistoryReport(report));
 *
 * Definitions, per aggregate (events are identified by aggregate id + version):
 * - missing: written but never observed;
 * - unexpected: observed but never written;
 * - duplicates: observed more than once (a redelivery; a failure only when duplicates are forbidden);
 * - gaps: a version missing below the highest observed version (the consumer would be stuck or wrong);
 * - order violations: a version observed for the first time while an earlier version had not been
 *   observed yet (the stream overtook itself; a redelivery of an older version is not one);
 * - final version mismatches (optional `finalVersions`, e.g. a read model's `last_version`): the
 *   read model's version differs from the aggregate's last written version.
 */
export interface HistoryEvent {
  aggregateId: string;
  version: number;
}

export interface HistoryReport {
  ok: boolean;
  aggregates: number;
  written: number;
  observed: number;
  /** Observations beyond the first of each event (redeliveries). */
  duplicateCount: number;
  missing: HistoryEvent[];
  unexpected: HistoryEvent[];
  duplicates: (HistoryEvent & { count: number })[];
  gaps: (HistoryEvent & { highestObserved: number })[];
  orderViolations: (HistoryEvent & { position: number; expectedNext: number })[];
  finalVersionMismatches: { aggregateId: string; expected: number; actual: number | null }[];
}

export interface HistoryCheckOptions {
  /** `allowed` for an at-least-once stream, `forbidden` for applications to a read model. */
  duplicates: 'allowed' | 'forbidden';
  /** The read model's version per aggregate, checked against the last written version. */
  finalVersions?: Map<string, number>;
}

const keyOf = (e: HistoryEvent) => `${e.aggregateId}@${e.version}`;

export function checkHistory(written: HistoryEvent[], observed: HistoryEvent[], options: HistoryCheckOptions): HistoryReport {
  const writtenKeys = new Set(written.map(keyOf));
  const lastWritten = new Map<string, number>();
  for (const e of written) lastWritten.set(e.aggregateId, Math.max(lastWritten.get(e.aggregateId) ?? 0, e.version));

  const counts = new Map<string, { event: HistoryEvent; count: number }>();
  const seenVersions = new Map<string, Set<number>>();
  const orderViolations: HistoryReport['orderViolations'] = [];
  const unexpected: HistoryEvent[] = [];
  observed.forEach((e, position) => {
    const k = keyOf(e);
    const c = counts.get(k);
    if (c) {
      c.count++;
      return;
    }
    counts.set(k, { event: { aggregateId: e.aggregateId, version: e.version }, count: 1 });
    if (!writtenKeys.has(k)) unexpected.push({ aggregateId: e.aggregateId, version: e.version });
    const seen = seenVersions.get(e.aggregateId) ?? new Set<number>();
    seenVersions.set(e.aggregateId, seen);
    // first sighting of this version: every earlier written version must have been seen already
    let expectedNext = 1;
    while (seen.has(expectedNext)) expectedNext++;
    if (e.version > expectedNext && writtenKeys.has(`${e.aggregateId}@${expectedNext}`)) {
      orderViolations.push({ aggregateId: e.aggregateId, version: e.version, position, expectedNext });
    }
    seen.add(e.version);
  });

  const missing = written.filter((e) => !counts.has(keyOf(e))).map((e) => ({ aggregateId: e.aggregateId, version: e.version }));
  const gaps: HistoryReport['gaps'] = [];
  for (const m of missing) {
    const highest = Math.max(0, ...(seenVersions.get(m.aggregateId) ?? []));
    if (m.version < highest) gaps.push({ ...m, highestObserved: highest });
  }
  const duplicates = [...counts.values()].filter((c) => c.count > 1).map((c) => ({ ...c.event, count: c.count }));
  const duplicateCount = duplicates.reduce((n, d) => n + d.count - 1, 0);

  const finalVersionMismatches: HistoryReport['finalVersionMismatches'] = [];
  if (options.finalVersions) {
    for (const [aggregateId, expected] of lastWritten) {
      const actual = options.finalVersions.get(aggregateId) ?? null;
      if (actual !== expected) finalVersionMismatches.push({ aggregateId, expected, actual });
    }
    for (const [aggregateId, actual] of options.finalVersions) {
      if (!lastWritten.has(aggregateId)) finalVersionMismatches.push({ aggregateId, expected: 0, actual });
    }
  }

  const ok =
    missing.length === 0 &&
    unexpected.length === 0 &&
    gaps.length === 0 &&
    orderViolations.length === 0 &&
    finalVersionMismatches.length === 0 &&
    (options.duplicates === 'allowed' || duplicates.length === 0);
  return {
    ok,
    aggregates: lastWritten.size,
    written: written.length,
    observed: observed.length,
    duplicateCount,
    missing,
    unexpected,
    duplicates,
    gaps,
    orderViolations,
    finalVersionMismatches,
  };
}

/** A short human summary (counts and the first few offenders of each kind) for assertion messages. */
export function formatHistoryReport(r: HistoryReport, sample = 5): string {
  const first = <T>(xs: T[]) => (xs.length === 0 ? '' : ` e.g. ${JSON.stringify(xs.slice(0, sample))}`);
  return [
    `history ${r.ok ? 'OK' : 'BROKEN'}: ${r.aggregates} aggregates, ${r.written} written, ${r.observed} observed, ${r.duplicateCount} redelivered`,
    `missing ${r.missing.length}${first(r.missing)}`,
    `unexpected ${r.unexpected.length}${first(r.unexpected)}`,
    `duplicates ${r.duplicates.length}${first(r.duplicates)}`,
    `gaps ${r.gaps.length}${first(r.gaps)}`,
    `order violations ${r.orderViolations.length}${first(r.orderViolations)}`,
    `final version mismatches ${r.finalVersionMismatches.length}${first(r.finalVersionMismatches)}`,
  ].join('\n');
}
