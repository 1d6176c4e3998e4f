import { registry } from '@crm/event-bus/contracts';
import { FILE_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { deciderSpecification } from '@crm/platform/testing';
import { evolve, type FileChange, type FileState } from './file';

export const at = new Date('2024-05-01T10:00:00.000Z');
/** The aggregate id every settings decider test uses. */
export const SPEC_ID = '00000000-0000-4000-8000-000000000999';

/**
 * given/when/then on a settings decider of `aggregateType`; every emitted change must be a valid
 * event once it has its envelope.
 */
export function settingsSpecification<S, E extends { type: string; data: unknown }>(
  aggregateType: string,
  evolveState: (state: S | null, change: E, meta: { version: number; at: Date }) => S,
  actor: { kind: 'user' | 'contact'; id: string } = { kind: 'user', id: 'u1' },
) {
  return <C>(decide: (state: S | null, command: C) => E[]) =>
    deciderSpecification<S, E, C>({
      decide,
      evolve: evolveState,
      at,
      validate: (change, version) =>
        registry.validate({
          id: '00000000-0000-4000-8000-000000000900',
          type: change.type,
          schemaVersion: 1,
          tenantId: 't1',
          aggregateType,
          aggregateId: SPEC_ID,
          aggregateVersion: version,
          occurredAt: at.toISOString(),
          correlationId: 'corr-1',
          causationId: null,
          actor,
          data: change.data,
        }),
    });
}

/** given/when/then on a file decider. */
export const fileSpecification = settingsSpecification<FileState, FileChange>(FILE_AGGREGATE, evolve, { kind: 'contact', id: 'c1' });
