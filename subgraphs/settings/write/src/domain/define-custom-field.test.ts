import { describe, it } from 'node:test';
import { CUSTOM_FIELD_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { settingsSpecification, SPEC_ID } from './spec-kit';
import { evolveCustomField, type CustomFieldChange, type CustomFieldState } from './custom-field';
import { changeCustomField, defineCustomField, removeCustomField, type ChangeCustomField, type DefineCustomField } from './define-custom-field';

const id = SPEC_ID;
const spec = settingsSpecification<CustomFieldState, CustomFieldChange>(CUSTOM_FIELD_AGGREGATE, evolveCustomField);
const define = spec<DefineCustomField>(defineCustomField).given;
const change = spec<ChangeCustomField>((s, c) => changeCustomField(s, id, c)).given;
const remove = spec<null>((s) => removeCustomField(s, id)).given;

const tier: CustomFieldChange = {
  type: 'custom_field.defined',
  data: {
    entity: 'CONTACTS',
    key: 'tier',
    label: 'Tier',
    field: 'SELECTION',
    options: ['gold', 'silver'],
    mandatory: false,
    tooltip: null,
    visible: true,
  },
};

describe('defineCustomField', () => {
  it('defines a field with defaults (optional, visible, no tooltip)', () => {
    define()
      .when({ entity: 'CONTACTS', key: 'tier', label: ' Tier ', field: 'SELECTION', options: ['gold', ' silver '] })
      .then([tier]);
  });

  it('refuses an unknown entity or type, a bad key, and options on a non-choice field or none on a choice field, naming the field', () => {
    const ok: DefineCustomField = { entity: 'CONTACTS', key: 'shoe', label: 'Shoe', field: 'NUMBER' };
    define()
      .when({ ...ok, entity: 'SPACESHIPS' })
      .thenFails({ code: 'VALIDATION', field: 'entity', reason: 'INVALID_ENUM' });
    define()
      .when({ ...ok, field: 'COLOUR' })
      .thenFails({ code: 'VALIDATION', field: 'field', reason: 'INVALID_ENUM' });
    define()
      .when({ ...ok, key: 'Shoe Size' })
      .thenFails({ code: 'VALIDATION', field: 'key', reason: 'INVALID_CHARACTERS' });
    define()
      .when({ ...ok, options: ['1'] })
      .thenFails({ code: 'VALIDATION', field: 'options', reason: 'INVALID_VALUE' });
    define()
      .when({ ...ok, field: 'RADIO_BUTTONS' })
      .thenFails({ code: 'VALIDATION', field: 'options', reason: 'REQUIRED' });
    define()
      .when({ ...ok, field: 'SELECTION', options: ['a', 'a'] })
      .thenFails({ code: 'VALIDATION', field: 'options.1', reason: 'DUPLICATE' });
  });
});

describe('changeCustomField and removeCustomField', () => {
  it('changes what may change and keeps entity, key and type; the same values again change nothing', () => {
    change(tier)
      .when({ mandatory: true, options: ['gold', 'silver', 'bronze'] })
      .then([{ type: 'custom_field.changed', data: { ...tier.data, mandatory: true, options: ['gold', 'silver', 'bronze'] } }]);
    change(tier).when({ label: 'Tier', mandatory: false }).then([]);
  });

  it('removes a definition; a removed or missing one is not found', () => {
    remove(tier)
      .when(null)
      .then([{ type: 'custom_field.removed', data: { entity: 'CONTACTS', key: 'tier' } }]);
    remove(tier, { type: 'custom_field.removed', data: { entity: 'CONTACTS', key: 'tier' } })
      .when(null)
      .thenFails({ code: 'NOT_FOUND', reason: 'CUSTOM_FIELD_NOT_FOUND' });
    change().when({ label: 'x' }).thenFails({ code: 'NOT_FOUND', reason: 'CUSTOM_FIELD_NOT_FOUND' });
  });
});
