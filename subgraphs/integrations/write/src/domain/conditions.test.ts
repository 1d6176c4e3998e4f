import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, evaluateConditions, valueAt } from './conditions';
import type { Condition } from './automation';

const data = {
  contactType: 'PERSON',
  email: 'ada@example.com',
  age: 36,
  balance: '10.50',
  tags: ['vip', 'newsletter'],
  address: { city: 'London', zip: null },
  registeredAt: '2024-05-01T10:00:00.000Z',
  active: true,
};

type Row = [Condition['operator'], string, Condition['value'], boolean];

/** Every operator: passing and failing cases, missing fields, type mismatches. */
const table: Row[] = [
  ['EQUALS', 'contactType', 'PERSON', true],
  ['EQUALS', 'contactType', 'person', false],
  ['EQUALS', 'age', 36, true],
  ['EQUALS', 'age', '36', true],
  ['EQUALS', 'balance', '10.5', true],
  ['EQUALS', 'balance', 10.5, true],
  ['EQUALS', 'active', true, true],
  ['EQUALS', 'active', 'true', false],
  ['EQUALS', 'address.city', 'London', true],
  ['EQUALS', 'address.zip', null, true],
  ['EQUALS', 'missing', null, true],
  ['EQUALS', 'missing', 'x', false],
  ['NOT_EQUALS', 'contactType', 'COMPANY', true],
  ['NOT_EQUALS', 'contactType', 'PERSON', false],
  ['NOT_EQUALS', 'missing', 'x', true],
  ['NOT_EQUALS', 'balance', '10.500', false],
  ['CONTAINS', 'email', '@example.', true],
  ['CONTAINS', 'email', '@other.', false],
  ['CONTAINS', 'tags', 'vip', true],
  ['CONTAINS', 'tags', 'vi', false],
  ['CONTAINS', 'missing', 'a', false],
  ['CONTAINS', 'address', 'London', false],
  ['STARTS_WITH', 'email', 'ada@', true],
  ['STARTS_WITH', 'email', 'bob@', false],
  ['STARTS_WITH', 'missing', 'a', false],
  ['ENDS_WITH', 'email', '.com', true],
  ['ENDS_WITH', 'email', '.org', false],
  ['ENDS_WITH', 'age', '6', true],
  ['GT', 'age', 30, true],
  ['GT', 'age', 36, false],
  ['GT', 'balance', '10.49', true],
  ['GT', 'balance', '10.50', false],
  ['GT', 'registeredAt', '2024-04-30T00:00:00Z', true],
  ['GT', 'email', 'a', false],
  ['GT', 'missing', 1, false],
  ['GTE', 'age', 36, true],
  ['GTE', 'age', 37, false],
  ['GTE', 'balance', '10.5', true],
  ['LT', 'age', 40, true],
  ['LT', 'age', 36, false],
  ['LT', 'balance', '100000000000000000000.01', true],
  ['LT', 'registeredAt', '2024-05-01', false],
  ['LTE', 'age', 36, true],
  ['LTE', 'age', 35, false],
  ['LTE', 'balance', '-1', false],
  ['IN', 'contactType', ['PERSON', 'COMPANY'], true],
  ['IN', 'contactType', ['COMPANY'], false],
  ['IN', 'age', ['36', 40], true],
  ['IN', 'missing', ['x'], false],
  ['IN', 'contactType', 'PERSON', false],
];

describe('the condition evaluator', () => {
  for (const [operator, field, value, passed] of table) {
    it(`${field} ${operator} ${JSON.stringify(value)} → ${passed}`, () => {
      const result = evaluateCondition({ field, operator, value }, data);
      assert.equal(result.passed, passed);
      assert.deepEqual([result.field, result.operator, result.value], [field, operator, value]);
    });
  }

  it('shows the actual value it compared (null when the field is missing)', () => {
    assert.equal(evaluateCondition({ field: 'address.city', operator: 'EQUALS', value: 'x' }, data).actual, 'London');
    assert.equal(evaluateCondition({ field: 'nope.deeper', operator: 'EQUALS', value: 'x' }, data).actual, null);
  });

  it('compares decimals exactly (no float rounding)', () => {
    const big = { amount: '9007199254740993.000000000000000001' };
    assert.equal(evaluateCondition({ field: 'amount', operator: 'GT', value: '9007199254740993' }, big).passed, true);
    assert.equal(evaluateCondition({ field: 'amount', operator: 'EQUALS', value: '9007199254740993' }, big).passed, false);
  });

  it('matches when every condition passes, and evaluates all of them (no short circuit)', () => {
    const all = evaluateConditions(
      [
        { field: 'contactType', operator: 'EQUALS', value: 'COMPANY' },
        { field: 'age', operator: 'GT', value: 18 },
      ],
      data,
    );
    assert.equal(all.matched, false);
    assert.deepEqual(
      all.conditions.map((c) => c.passed),
      [false, true],
    );
    assert.equal(evaluateConditions([], data).matched, true);
  });

  it('reads own properties only (no prototype walking)', () => {
    assert.equal(valueAt(data, 'constructor'), undefined);
    assert.equal(valueAt(data, '__proto__'), undefined);
    assert.equal(valueAt(data, 'tags.0'), 'vip');
    assert.equal(valueAt(null, 'a'), undefined);
  });
});
