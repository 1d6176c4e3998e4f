import { AppError } from '@crm/platform/errors';
import type { Level } from '@crm/event-bus/contracts/engagement';
import type { QueueChange, QueueState } from './queue';

export interface CreateQueue {
  name: string;
  /** In order; ids are chosen by the caller (the application generates them). */
  stages: { id: string; name: string; isClosing: boolean }[];
  categories: { id: string; name: string; description: string | null }[];
  defaultUrgency: Level;
  defaultImpact: Level;
}

export const MAX_STAGES = 20;
export const MAX_CATEGORIES = 50;

const trimmedName = (field: string, raw: string, max = 100): string => {
  const name = raw.trim();
  if (name.length === 0) throw AppError.validation(field, 'must not be empty', 'REQUIRED');
  if (name.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return name;
};

const noDuplicates = (field: string, names: string[]): void => {
  const seen = new Set<string>();
  for (const n of names) {
    const key = n.toLowerCase();
    if (seen.has(key)) throw new AppError('VALIDATION', `${field}: "${n}" is listed twice`, { field, reason: 'DUPLICATE_NAME' });
    seen.add(key);
  }
};

/**
 * Creates a queue (pure): a name, 2 to 20 ordered stages of which at least one is open (where a new
 * request starts) and at least one is closing, unique stage and category names.
 */
export function createQueue(state: QueueState | null, cmd: CreateQueue): QueueChange[] {
  if (state) throw new AppError('CONFLICT', 'the queue exists already', { reason: 'QUEUE_EXISTS' });
  const name = trimmedName('name', cmd.name);
  if (cmd.stages.length > MAX_STAGES) throw AppError.validation('stages', `at most ${MAX_STAGES} stages`, 'TOO_MANY');
  if (cmd.categories.length > MAX_CATEGORIES) throw AppError.validation('categories', `at most ${MAX_CATEGORIES} categories`, 'TOO_MANY');
  const stages = cmd.stages.map((s, i) => ({ id: s.id, name: trimmedName('stages.name', s.name), order: i + 1, isClosing: s.isClosing }));
  if (!stages.some((s) => !s.isClosing))
    throw new AppError('VALIDATION', 'stages: at least one stage must be open (not closing)', { field: 'stages', reason: 'OPEN_STAGE_REQUIRED' });
  if (!stages.some((s) => s.isClosing))
    throw new AppError('VALIDATION', 'stages: at least one stage must be closing', { field: 'stages', reason: 'CLOSING_STAGE_REQUIRED' });
  noDuplicates(
    'stages',
    stages.map((s) => s.name),
  );
  const categories = cmd.categories.map((c) => ({
    id: c.id,
    name: trimmedName('categories.name', c.name),
    description: c.description?.trim() || null,
  }));
  if (categories.some((c) => (c.description?.length ?? 0) > 500))
    throw AppError.validation('categories.description', 'must be at most 500 characters', 'TOO_LONG');
  noDuplicates(
    'categories',
    categories.map((c) => c.name),
  );
  return [{ type: 'queue.created', data: { name, stages, categories, defaultUrgency: cmd.defaultUrgency, defaultImpact: cmd.defaultImpact } }];
}
