import { describe, it } from 'node:test';
import { deciderSpecification } from '@crm/platform/testing';
import { type CreateQueue, createQueue } from './create-queue';
import { evolveQueue, type QueueChange, type QueueState } from './queue';
import { at, validateAgainstContract } from './decider-test-kit';

const { given } = deciderSpecification<QueueState, QueueChange, CreateQueue>({
  decide: createQueue,
  evolve: evolveQueue,
  at,
  validate: validateAgainstContract('queue'),
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cmd = (over: Partial<CreateQueue> = {}): CreateQueue => ({
  name: ' Support ',
  stages: [
    { id: id(1), name: 'Open', isClosing: false },
    { id: id(2), name: ' Done ', isClosing: true },
  ],
  categories: [{ id: id(3), name: 'Billing', description: '  ' }],
  defaultUrgency: 'MEDIUM',
  defaultImpact: 'MEDIUM',
  ...over,
});

describe('createQueue', () => {
  it('creates a queue with its stages numbered in the order given, names trimmed', () => {
    given()
      .when(cmd())
      .then([
        {
          type: 'queue.created',
          data: {
            name: 'Support',
            stages: [
              { id: id(1), name: 'Open', order: 1, isClosing: false },
              { id: id(2), name: 'Done', order: 2, isClosing: true },
            ],
            categories: [{ id: id(3), name: 'Billing', description: null }],
            defaultUrgency: 'MEDIUM',
            defaultImpact: 'MEDIUM',
          },
        },
      ]);
  });

  it('needs at least one open and at least one closing stage', () => {
    given()
      .when(cmd({ stages: [{ id: id(1), name: 'Done', isClosing: true }] }))
      .thenFails({ field: 'stages', reason: 'OPEN_STAGE_REQUIRED' });
    given()
      .when(cmd({ stages: [{ id: id(1), name: 'Open', isClosing: false }] }))
      .thenFails({ field: 'stages', reason: 'CLOSING_STAGE_REQUIRED' });
  });

  it('refuses an empty name, an empty stage name and duplicate stage names (case-insensitive)', () => {
    given()
      .when(cmd({ name: '  ' }))
      .thenFails({ field: 'name', reason: 'REQUIRED' });
    given()
      .when(
        cmd({
          stages: [
            { id: id(1), name: ' ', isClosing: false },
            { id: id(2), name: 'Done', isClosing: true },
          ],
        }),
      )
      .thenFails({ field: 'stages.name', reason: 'REQUIRED' });
    given()
      .when(
        cmd({
          stages: [
            { id: id(1), name: 'Done', isClosing: false },
            { id: id(2), name: 'done', isClosing: true },
          ],
        }),
      )
      .thenFails({ field: 'stages', reason: 'DUPLICATE_NAME' });
  });

  it('refuses more than 20 stages', () => {
    const stages = Array.from({ length: 21 }, (_, i) => ({ id: id(i + 10), name: `S${i}`, isClosing: i === 20 }));
    given().when(cmd({ stages })).thenFails({ field: 'stages', reason: 'TOO_MANY' });
  });
});
