import type { Tx } from './unit-of-work';

/** The pure half of an aggregate, as `applyChanges` needs it. */
export interface Evolver<S extends { id: string; version: number }, C extends { type: string; data: unknown }> {
  /** `aggregateType` of its events. */
  type: string;
  evolve(state: S | null, change: C, meta: { version: number; at: Date }): S;
}

/**
 * Folds a decider's changes into the state (each change is the next version, from `evolve`, not
 * by hand) and records their events on the transaction, in order. Returns the new state (the
 * current one when nothing changed); the caller saves it in the same transaction.
 */
export function applyChanges<S extends { id: string; version: number }, C extends { type: string; data: unknown }>(
  tx: Tx,
  aggregate: Evolver<S, C>,
  current: S | null,
  id: string,
  changes: readonly C[],
): S | null {
  let state = current;
  for (const change of changes) {
    state = { ...aggregate.evolve(state, change, { version: (state?.version ?? 0) + 1, at: tx.now }), id };
    tx.emit({ ...change, aggregateType: aggregate.type, aggregateId: id, aggregateVersion: state.version } as Parameters<Tx['emit']>[0]);
  }
  return state;
}
