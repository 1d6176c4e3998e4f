// Shared scaffolding for identity's decider tests: a fixed clock and the platform's given/when/then
// kit with every emitted change validated against the event registry in its envelope.
// Not a *.test.ts file, so the test runner does not run it on its own.
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';

export const T0 = new Date('2026-01-01T00:00:00.000Z');

/** A valid (v4-shaped) UUID numbered `n`. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type Evolve<S, C> = (state: S | null, change: C, meta: { version: number; at: Date }) => S;

/**
 * `spec(decide).given(...history).when(cmd).then(changes)` for one identity aggregate (`id`);
 * each emitted change must be a valid event of `aggregateType` once in its envelope.
 */
export function identitySpec<S extends { id: string }, C extends { type: string; data: unknown }>(
  aggregateType: string,
  evolve: Evolve<S, C>,
  id: string,
) {
  const validate = (change: C, version: number) =>
    registry.validate({
      id: uuid(900),
      ...change,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType,
      aggregateId: id,
      aggregateVersion: version,
      occurredAt: T0.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
    });
  return <Cmd>(decide: (state: S | null, cmd: Cmd) => C[]) =>
    deciderSpecification<S, C, Cmd>({ decide, evolve: (s, e, m) => ({ ...evolve(s, e, m), id }), validate, at: T0 });
}
