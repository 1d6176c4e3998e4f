// The given/when/then kit for deciders (emmett's deciderSpecification, in our words), generic over
// the aggregate: `given(...history).when(command).then(expectedEvents)` or `.thenFails(error)`.
import assert from 'node:assert/strict';

/** An aggregate's pure functions, as the kit needs them. */
export interface DeciderSpec<S, E, C> {
  decide(state: S | null, command: C): E[];
  evolve(state: S | null, event: E, meta: { version: number; at: Date }): S;
  /** Checks each emitted event (e.g. against its contract); `version` is the one it would get. */
  validate?(event: E, version: number): void;
  /** The time `given` history and `then` states are folded at. */
  at: Date;
  /** Aggregate version the first emitted event would get (default 10). */
  firstVersion?: number;
}

/** What an error assertion can say (the fields of the thrown error that must match). */
export type ExpectedError = Record<string, unknown>;

export interface DeciderOutcome<S, E> {
  /** Asserts the exact events (each validated); returns the state after them. */
  then(expected: E[]): S;
  /** The emitted events (validated), for assertions on generated values. */
  events(): E[];
  thenFails(error: ExpectedError | RegExp): void;
}

export function deciderSpecification<S, E, C>(spec: DeciderSpec<S, E, C>) {
  const firstVersion = spec.firstVersion ?? 10;
  const fold = (history: E[]): S | null => history.reduce<S | null>((s, e, i) => spec.evolve(s, e, { version: i + 1, at: spec.at }), null);
  const from = (state: S | null = null) => ({
    when(command: C): DeciderOutcome<S, E> {
      const run = () => {
        const events = spec.decide(state, command);
        events.forEach((e, i) => spec.validate?.(e, firstVersion + i));
        return events;
      };
      return {
        then(expected) {
          const events = run();
          assert.deepEqual(events, expected);
          return events.reduce<S>((s, e, i) => spec.evolve(s, e, { version: 100 + i, at: spec.at }), state as S);
        },
        events: run,
        thenFails(error) {
          assert.throws(() => spec.decide(state, command), error as never);
        },
      };
    },
  });
  return { from, fold, given: (...history: E[]) => from(fold(history)) };
}
