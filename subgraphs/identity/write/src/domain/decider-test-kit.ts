// Shared scaffolding for identity's decider tests: a fixed clock and a given/when/then harness per
// aggregate that checks every emitted change against the event registry.
// Not a *.test.ts file, so the test runner does not run it on its own.
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';

export const T0 = new Date('2026-01-01T00:00:00.000Z');

/**
 * The harness for one aggregate (type, id): `spec(decide).given(...).when(cmd).then(changes)`.
 * Each emitted change must be a valid identity event once in its envelope, built from its type and
 * data only (what a change stores beside them, e.g. a password hash, is never published).
 */
export function identityDeciders<S extends { id: string }, E extends { type: string; data: unknown }>(
  aggregateType: string,
  aggregateId: string,
  evolve: (state: S | null, change: E, meta: { version: number; at: Date }) => S,
) {
  const validate = ({ type, data }: E, version: number) =>
    registry.validate({
      id: '00000000-0000-4000-8000-000000000900',
      type,
      data,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType,
      aggregateId,
      aggregateVersion: version,
      occurredAt: T0.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
    });
  return <C>(decide: (state: S | null, cmd: C) => E[]) =>
    deciderSpecification<S, E, C>({ decide, evolve: (s, e, m) => ({ ...evolve(s, e, m), id: aggregateId }), validate, at: T0 });
}
