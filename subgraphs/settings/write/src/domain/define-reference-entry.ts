import { AppError } from '@crm/platform/errors';
import { sameJson } from '@crm/platform/json';
import { oneOf, optionalText, textOf } from './checks';
import { REFERENCE_KINDS, TAG_ENTITIES, TAG_STATES, type ReferenceEntryDefinition, type ReferenceKind } from '@crm/event-bus/contracts/settings';
import type { ReferenceEntryChange, ReferenceEntryState } from './reference-entry';

/** The fields an entry may carry; which ones apply depends on the kind. */
export interface ReferenceEntryFields {
  name?: string | null;
  entity?: string | null;
  description?: string | null;
  colour?: string | null;
  state?: string | null;
  languageCode?: string | null;
  month?: number | null;
  day?: number | null;
  names?: string[] | null;
  industryName?: string | null;
}

export interface DefineReferenceEntry extends ReferenceEntryFields {
  kind: string;
}

type Field = keyof ReferenceEntryFields;
/** The fields each kind takes (any other non-null field is refused, naming it). */
const FIELDS: Record<ReferenceKind, readonly Field[]> = {
  TAG: ['name', 'entity', 'description', 'colour', 'state'],
  LANGUAGE: ['languageCode'],
  NAME_DAY_RULE: ['month', 'day', 'names', 'description'],
  INDUSTRY: ['name'],
  SUB_INDUSTRY: ['name', 'industryName'],
  BUSINESS_ACTIVITY: ['name'],
};
/** The REST name of each field (errors name what the client sent). */
const REST_NAME: Record<Field, string> = {
  name: 'name',
  entity: 'entity',
  description: 'description',
  colour: 'colour',
  state: 'state',
  languageCode: 'language_code',
  month: 'month',
  day: 'day',
  names: 'names',
  industryName: 'industry_name',
};
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function intOf(field: string, value: number | null | undefined, min: number, max: number): number {
  if (value == null) throw AppError.validation(field, 'is required', 'REQUIRED');
  if (!Number.isInteger(value) || value < min || value > max)
    throw AppError.validation(field, `must be an integer from ${min} to ${max}`, 'OUT_OF_RANGE');
  return value;
}

/** Builds the whole entry of a kind from its fields (pure); the key makes it unique within the kind. */
export function referenceEntryOf(kind: ReferenceKind, f: ReferenceEntryFields): ReferenceEntryDefinition {
  for (const field of Object.keys(REST_NAME) as Field[]) {
    if (f[field] != null && !FIELDS[kind].includes(field))
      throw AppError.validation(REST_NAME[field], `does not apply to a ${kind}`, 'FIELD_NOT_ALLOWED');
  }
  switch (kind) {
    case 'TAG': {
      const entity = oneOf('entity', textOf('entity', f.entity, 50), TAG_ENTITIES);
      const name = textOf('name', f.name, 100);
      const colour = optionalText('colour', f.colour, 7);
      if (colour && !/^#[0-9A-Fa-f]{6}$/.test(colour)) throw AppError.validation('colour', 'must be #RRGGBB', 'INVALID_FORMAT');
      return {
        kind,
        key: `${entity}:${name.toLowerCase()}`,
        entity,
        name,
        description: optionalText('description', f.description, 500),
        colour: colour?.toUpperCase() ?? null,
        state: oneOf('state', f.state ?? 'ACTIVE', TAG_STATES),
      };
    }
    case 'LANGUAGE': {
      const code = textOf('language_code', f.languageCode, 3).toUpperCase();
      if (!/^[A-Z]{2,3}$/.test(code)) throw AppError.validation('language_code', 'must be 2 or 3 letters (EN, GR, ENG…)', 'INVALID_FORMAT');
      return { kind, key: code, languageCode: code };
    }
    case 'NAME_DAY_RULE': {
      const month = intOf('month', f.month, 1, 12);
      const day = intOf('day', f.day, 1, DAYS_IN_MONTH[month - 1]!);
      const names = (f.names ?? []).map((n, i) => textOf(`names.${i}`, n, 100));
      if (names.length === 0) throw AppError.validation('names', 'needs at least one name', 'REQUIRED');
      if (names.length > 50) throw AppError.validation('names', 'at most 50 names', 'TOO_MANY');
      const lower = names.map((n) => n.toLowerCase());
      lower.forEach((n, i) => {
        if (lower.indexOf(n) !== i) throw AppError.validation(`names.${i}`, `repeats "${names[i]}"`, 'DUPLICATE');
      });
      return { kind, key: `${month}-${day}`, month, day, names, description: optionalText('description', f.description, 500) };
    }
    case 'SUB_INDUSTRY': {
      const name = textOf('name', f.name, 100);
      return { kind, key: name.toLowerCase(), name, industryName: optionalText('industry_name', f.industryName, 100) };
    }
    case 'INDUSTRY':
    case 'BUSINESS_ACTIVITY': {
      const name = textOf('name', f.name, 100);
      return { kind, key: name.toLowerCase(), name };
    }
  }
}

/** The fields of the current entry (what a change starts from). */
function fieldsOf(s: ReferenceEntryDefinition): ReferenceEntryFields {
  const { kind: _kind, key: _key, ...fields } = s;
  return fields;
}

const definitionOf = (s: ReferenceEntryState): ReferenceEntryDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition as ReferenceEntryDefinition;
};

/** Adds an entry to a reference list (pure). Its key is unique per tenant and kind (the store refuses a taken one). */
export function defineReferenceEntry(state: ReferenceEntryState | null, cmd: DefineReferenceEntry): ReferenceEntryChange[] {
  if (state) throw new AppError('CONFLICT', 'the entry exists already', { reason: 'REFERENCE_ENTRY_EXISTS' });
  const { kind, ...fields } = cmd;
  return [{ type: 'reference_entry.defined', data: referenceEntryOf(oneOf('kind', kind, REFERENCE_KINDS), fields) }];
}

/**
 * Changes an entry: the fields sent replace the current ones (an explicit null clears an optional
 * one), the kind stays; nothing changed → no event (pure).
 */
export function changeReferenceEntry(state: ReferenceEntryState | null, id: string, cmd: ReferenceEntryFields): ReferenceEntryChange[] {
  if (!state || state.removed) throw AppError.notFound('reference entry', id);
  const merged: ReferenceEntryFields = { ...fieldsOf(definitionOf(state)) };
  for (const [k, v] of Object.entries(cmd) as [Field, unknown][]) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  const data = referenceEntryOf(state.kind, merged);
  return sameJson(data, definitionOf(state)) ? [] : [{ type: 'reference_entry.changed', data }];
}

/** Removes an entry (pure). */
export function removeReferenceEntry(state: ReferenceEntryState | null, id: string): ReferenceEntryChange[] {
  if (!state || state.removed) throw AppError.notFound('reference entry', id);
  return [{ type: 'reference_entry.removed', data: { kind: state.kind, key: state.key } }];
}
