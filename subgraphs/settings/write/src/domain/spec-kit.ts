import { registry } from '@crm/event-bus/contracts';
import { FILE_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { deciderSpecification } from '@crm/platform/testing';
import { evolve, type FileChange, type FileState } from './file';

export const at = new Date('2024-05-01T10:00:00.000Z');

/** given/when/then on a file decider; every emitted change must be a valid event once it has its envelope. */
export function fileSpecification<C>(decide: (state: FileState | null, command: C) => FileChange[]) {
  return deciderSpecification<FileState, FileChange, C>({
    decide,
    evolve,
    at,
    validate: (change, version) =>
      registry.validate({
        id: '00000000-0000-4000-8000-000000000900',
        type: change.type,
        schemaVersion: 1,
        tenantId: 't1',
        aggregateType: FILE_AGGREGATE,
        aggregateId: '00000000-0000-4000-8000-000000000999',
        aggregateVersion: version,
        occurredAt: at.toISOString(),
        correlationId: 'corr-1',
        causationId: null,
        actor: { kind: 'contact', id: 'c1' },
        data: change.data,
      }),
  });
}
