import { AppError } from '@crm/platform/errors';
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDefinition,
  type CustomFieldEntity,
  type CustomFieldType,
} from '@crm/event-bus/contracts/settings';
import type { CustomFieldChange, CustomFieldState } from './custom-field';
import { oneOf } from './checks';

export interface DefineCustomField {
  entity: string;
  key: string;
  label: string;
  field: string;
  options?: string[] | null;
  mandatory?: boolean | null;
  tooltip?: string | null;
  visible?: boolean | null;
}

export interface ChangeCustomField {
  label?: string | null;
  options?: string[] | null;
  mandatory?: boolean | null;
  tooltip?: string | null;
  visible?: boolean | null;
}

/** Types whose values are one of the definition's options. */
export const OPTION_TYPES: ReadonlySet<CustomFieldType> = new Set(['SELECTION', 'RADIO_BUTTONS']);
const KEY = /^[a-z][a-z0-9_]{0,49}$/;

function labelOf(value: string): string {
  const label = value.trim();
  if (!label) throw AppError.validation('label', 'must not be empty', 'REQUIRED');
  if (label.length > 100) throw AppError.validation('label', 'must be at most 100 characters', 'TOO_LONG');
  return label;
}

function optionsOf(field: CustomFieldType, options: string[] | null | undefined): string[] {
  const list = (options ?? []).map((o) => o.trim());
  if (!OPTION_TYPES.has(field)) {
    if (list.length > 0) throw AppError.validation('options', `only SELECTION and RADIO_BUTTONS fields take options`, 'INVALID_VALUE');
    return [];
  }
  if (list.length === 0) throw AppError.validation('options', `a ${field} field needs at least one option`, 'REQUIRED');
  if (list.length > 100) throw AppError.validation('options', 'at most 100 options', 'TOO_MANY');
  list.forEach((o, i) => {
    if (!o || o.length > 100) throw AppError.validation(`options.${i}`, 'must be 1 to 100 characters', 'INVALID_LENGTH');
    if (list.indexOf(o) !== i) throw AppError.validation(`options.${i}`, `repeats "${o}"`, 'DUPLICATE');
  });
  return list;
}

function tooltipOf(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  if (t.length > 500) throw AppError.validation('tooltip', 'must be at most 500 characters', 'TOO_LONG');
  return t || null;
}

/** Defines a custom field of an entity (pure). The key is unique per tenant and entity (the store refuses a taken one). */
export function defineCustomField(state: CustomFieldState | null, cmd: DefineCustomField): CustomFieldChange[] {
  if (state) throw new AppError('CONFLICT', 'the custom field exists already', { reason: 'CUSTOM_FIELD_EXISTS' });
  const entity = oneOf<CustomFieldEntity>('entity', cmd.entity, CUSTOM_FIELD_ENTITIES);
  const field = oneOf<CustomFieldType>('field', cmd.field, CUSTOM_FIELD_TYPES);
  const key = cmd.key.trim();
  if (!KEY.test(key))
    throw AppError.validation('key', 'must be 1 to 50 lower-case letters, digits or _ starting with a letter', 'INVALID_CHARACTERS');
  const data: CustomFieldDefinition = {
    entity,
    key,
    label: labelOf(cmd.label),
    field,
    options: optionsOf(field, cmd.options),
    mandatory: cmd.mandatory ?? false,
    tooltip: tooltipOf(cmd.tooltip),
    visible: cmd.visible ?? true,
  };
  return [{ type: 'custom_field.defined', data }];
}

/** Changes what a definition may change (entity, key and type stay); nothing changed → no event (pure). */
export function changeCustomField(state: CustomFieldState | null, id: string, cmd: ChangeCustomField): CustomFieldChange[] {
  if (!state || state.removed) throw AppError.notFound('custom field', id);
  const data: CustomFieldDefinition = {
    entity: state.entity,
    key: state.key,
    label: cmd.label != null ? labelOf(cmd.label) : state.label,
    field: state.field,
    options: cmd.options != null ? optionsOf(state.field, cmd.options) : state.options,
    mandatory: cmd.mandatory ?? state.mandatory,
    tooltip: cmd.tooltip !== undefined ? tooltipOf(cmd.tooltip) : state.tooltip,
    visible: cmd.visible ?? state.visible,
  };
  const same = JSON.stringify(data) === JSON.stringify(pick(state));
  return same ? [] : [{ type: 'custom_field.changed', data }];
}

const pick = (s: CustomFieldState): CustomFieldDefinition => ({
  entity: s.entity,
  key: s.key,
  label: s.label,
  field: s.field,
  options: s.options,
  mandatory: s.mandatory,
  tooltip: s.tooltip,
  visible: s.visible,
});

/** Removes a definition (pure). */
export function removeCustomField(state: CustomFieldState | null, id: string): CustomFieldChange[] {
  if (!state || state.removed) throw AppError.notFound('custom field', id);
  return [{ type: 'custom_field.removed', data: { entity: state.entity, key: state.key } }];
}
