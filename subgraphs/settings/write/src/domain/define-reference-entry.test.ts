import { describe, it } from 'node:test';
import { REFERENCE_ENTRY_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { settingsSpecification, SPEC_ID } from './spec-kit';
import { evolveReferenceEntry, type ReferenceEntryChange, type ReferenceEntryState } from './reference-entry';
import {
  changeReferenceEntry,
  defineReferenceEntry,
  removeReferenceEntry,
  type DefineReferenceEntry,
  type ReferenceEntryFields,
} from './define-reference-entry';

const id = SPEC_ID;
const spec = settingsSpecification<ReferenceEntryState, ReferenceEntryChange>(REFERENCE_ENTRY_AGGREGATE, evolveReferenceEntry);
const define = spec<DefineReferenceEntry>(defineReferenceEntry).given;
const change = spec<ReferenceEntryFields>((s, c) => changeReferenceEntry(s, id, c)).given;
const remove = spec<null>((s) => removeReferenceEntry(s, id)).given;

const coffee = {
  kind: 'TAG' as const,
  key: 'ORGANISATIONS:coffee',
  entity: 'ORGANISATIONS' as const,
  name: 'Coffee',
  description: null,
  colour: '#AABBCC' as string | null,
  state: 'ACTIVE' as const,
};
const coffeeTag: ReferenceEntryChange = { type: 'reference_entry.defined', data: coffee };

describe('defineReferenceEntry', () => {
  it('defines each kind with its own fields and key', () => {
    define().when({ kind: 'TAG', entity: 'ORGANISATIONS', name: ' Coffee ', colour: '#aabbcc' }).then([coffeeTag]);
    define()
      .when({ kind: 'LANGUAGE', languageCode: 'en' })
      .then([{ type: 'reference_entry.defined', data: { kind: 'LANGUAGE', key: 'EN', languageCode: 'EN' } }]);
    define()
      .when({ kind: 'NAME_DAY_RULE', month: 8, day: 15, names: ['Maria', 'Marios'] })
      .then([
        {
          type: 'reference_entry.defined',
          data: { kind: 'NAME_DAY_RULE', key: '8-15', month: 8, day: 15, names: ['Maria', 'Marios'], description: null },
        },
      ]);
    define()
      .when({ kind: 'SUB_INDUSTRY', name: 'Cafés', industryName: 'Food' })
      .then([{ type: 'reference_entry.defined', data: { kind: 'SUB_INDUSTRY', key: 'cafés', name: 'Cafés', industryName: 'Food' } }]);
    define()
      .when({ kind: 'BUSINESS_ACTIVITY', name: 'Take-away' })
      .then([{ type: 'reference_entry.defined', data: { kind: 'BUSINESS_ACTIVITY', key: 'take-away', name: 'Take-away' } }]);
  });

  it('refuses an unknown kind, a field of another kind, a missing name, an impossible date and a repeated name, naming the field', () => {
    define().when({ kind: 'COLOUR', name: 'x' }).thenFails({ code: 'VALIDATION', field: 'kind', reason: 'INVALID_ENUM' });
    define()
      .when({ kind: 'INDUSTRY', name: 'Food', colour: '#000000' })
      .thenFails({ code: 'VALIDATION', field: 'colour', reason: 'FIELD_NOT_ALLOWED' });
    define().when({ kind: 'TAG', entity: 'ORGANISATIONS' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'REQUIRED' });
    define().when({ kind: 'TAG', entity: 'PLANETS', name: 'x' }).thenFails({ code: 'VALIDATION', field: 'entity', reason: 'INVALID_ENUM' });
    define()
      .when({ kind: 'NAME_DAY_RULE', month: 2, day: 30, names: ['x'] })
      .thenFails({ code: 'VALIDATION', field: 'day', reason: 'OUT_OF_RANGE' });
    define()
      .when({ kind: 'NAME_DAY_RULE', month: 2, day: 3, names: ['Anna', 'anna'] })
      .thenFails({ code: 'VALIDATION', field: 'names.1', reason: 'DUPLICATE' });
    define().when({ kind: 'LANGUAGE', languageCode: 'e1' }).thenFails({ code: 'VALIDATION', field: 'language_code', reason: 'INVALID_FORMAT' });
  });
});

describe('changeReferenceEntry and removeReferenceEntry', () => {
  it('changes the fields sent, keeps the kind and the others; null clears an optional one; the same values change nothing', () => {
    change(coffeeTag)
      .when({ name: 'Coffee shops', colour: null })
      .then([{ type: 'reference_entry.changed', data: { ...coffee, key: 'ORGANISATIONS:coffee shops', name: 'Coffee shops', colour: null } }]);
    change(coffeeTag).when({ name: 'Coffee' }).then([]);
    change(coffeeTag).when({ languageCode: 'EN' }).thenFails({ code: 'VALIDATION', field: 'language_code', reason: 'FIELD_NOT_ALLOWED' });
  });

  it('removes an entry; a removed or missing one is not found', () => {
    remove(coffeeTag)
      .when(null)
      .then([{ type: 'reference_entry.removed', data: { kind: 'TAG', key: 'ORGANISATIONS:coffee' } }]);
    remove(coffeeTag, { type: 'reference_entry.removed', data: { kind: 'TAG', key: 'ORGANISATIONS:coffee' } })
      .when(null)
      .thenFails({ code: 'NOT_FOUND', reason: 'REFERENCE_ENTRY_NOT_FOUND' });
    change().when({ name: 'x' }).thenFails({ code: 'NOT_FOUND', reason: 'REFERENCE_ENTRY_NOT_FOUND' });
  });
});
