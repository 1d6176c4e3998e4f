import { AppError } from '@crm/platform/errors';
import type { CommercePoolDefinition } from '@crm/event-bus/contracts/ledger';
import type { CommercePoolState, SettingsChange } from './settings';

/** Creates a tenant's commerce pool (pool null) or changes its definition; validity must end after it starts (pure). */
export function defineCommercePool(pool: CommercePoolState | null, cmd: { id: string; definition: CommercePoolDefinition }): SettingsChange[] {
  const d = cmd.definition;
  const name = d.name.trim();
  if (name.length < 1 || name.length > 100) throw AppError.validation('name', 'must be 1 to 100 characters', 'INVALID_VALUE');
  if (d.validFrom && d.validTo && new Date(d.validTo) <= new Date(d.validFrom))
    throw new AppError('VALIDATION', 'validTo: must be after validFrom', { field: 'validTo', reason: 'INVALID_VALIDITY' });
  const definition = { ...d, name, organisationIds: [...new Set(d.organisationIds)], productCategoryIds: [...new Set(d.productCategoryIds)] };
  if (pool && JSON.stringify(pool.definition) === JSON.stringify(definition)) return [];
  return [{ aggregateType: 'commerce_pool', aggregateId: cmd.id, type: 'commerce_pool.defined', data: definition }];
}
