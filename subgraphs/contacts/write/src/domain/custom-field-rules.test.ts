import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { checkCustomFields, type CustomFieldRule } from './custom-field-rules';

const rule = (key: string, field: CustomFieldRule['field'], extra: Partial<CustomFieldRule> = {}): CustomFieldRule => ({
  key,
  field,
  options: [],
  mandatory: false,
  ...extra,
});

/** Every field type with a value it accepts and one it refuses. */
const TABLE: { rule: CustomFieldRule; valid: string; invalid: string | null }[] = [
  { rule: rule('nick', 'SINGLE_LINE'), valid: 'Ace', invalid: 'two\nlines' },
  { rule: rule('bio', 'MULTIPLE_LINES'), valid: 'two\nlines', invalid: null },
  { rule: rule('tier', 'SELECTION', { options: ['gold', 'silver'] }), valid: 'gold', invalid: 'bronze' },
  { rule: rule('vip', 'CHECKBOX'), valid: 'true', invalid: 'yes' },
  { rule: rule('size', 'RADIO_BUTTONS', { options: ['S', 'M'] }), valid: 'M', invalid: 'XL' },
  { rule: rule('seen', 'TIMESTAMP'), valid: '1620912893', invalid: '2021-05-13T10:00:00Z' },
  { rule: rule('joined', 'DATE'), valid: '2024-02-29', invalid: '2023-02-29' },
  { rule: rule('shoe', 'NUMBER'), valid: '42.5', invalid: '42,5' },
  { rule: rule('limit', 'AMOUNT'), valid: '1000.25', invalid: '12.34567' },
  { rule: rule('notes', 'CONTENT'), valid: '<p>hi</p>', invalid: null },
  { rule: rule('member_no', 'NUMBERING_SCHEME'), valid: 'M-0001', invalid: null },
];
const rules = TABLE.map((t) => t.rule);

function fails(fn: () => void, field: string, reason: string, mentions: string) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'VALIDATION');
    assert.equal(err.field, field);
    assert.equal(err.reason, reason);
    assert.match(err.message, new RegExp(`"${mentions}"`));
    return true;
  });
}

describe('checkCustomFields', () => {
  for (const { rule: r, valid, invalid } of TABLE) {
    it(`${r.field}: accepts ${JSON.stringify(valid)}${invalid === null ? '' : ` and refuses ${JSON.stringify(invalid)} naming the key`}`, () => {
      checkCustomFields(rules, [{ key: r.key, value: valid }], false);
      if (invalid !== null)
        fails(
          () =>
            checkCustomFields(
              rules,
              [
                { key: 'nick', value: 'ok' },
                { key: r.key, value: invalid },
              ],
              false,
            ),
          'customFields.1.value',
          'INVALID_VALUE',
          r.key,
        );
    });
  }

  it('refuses an unknown key, naming it', () => {
    fails(() => checkCustomFields(rules, [{ key: 'shoe_colour', value: 'red' }], false), 'customFields.0.key', 'INVALID_VALUE', 'shoe_colour');
    fails(() => checkCustomFields([], [{ key: 'anything', value: 'x' }], false), 'customFields.0.key', 'INVALID_VALUE', 'anything');
  });

  it('requires every mandatory key on a complete list, and only then; an empty value counts as missing', () => {
    const withMandatory = [...rules, rule('tax_id', 'SINGLE_LINE', { mandatory: true })];
    fails(() => checkCustomFields(withMandatory, [], true), 'customFields', 'REQUIRED', 'tax_id');
    fails(() => checkCustomFields(withMandatory, [{ key: 'tax_id', value: '' }], true), 'customFields', 'REQUIRED', 'tax_id');
    checkCustomFields(withMandatory, [{ key: 'tax_id', value: 'CY123' }], true);
    checkCustomFields(withMandatory, [{ key: 'nick', value: 'Ace' }], false);
  });
});
