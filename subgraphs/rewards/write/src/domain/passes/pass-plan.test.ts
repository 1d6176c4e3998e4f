import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASS_PLAN_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import {
  createPassPlan,
  evolvePassPlan,
  passExpiry,
  passValueOf,
  recordPassesIssued,
  updatePassPlan,
  type PassPlanChange,
  type PassPlanInput,
  type PassPlanState,
} from './pass-plan';
import { validateChange } from '../../testing/fixtures';

const at = new Date('2026-01-31T10:00:00.000Z');
const spec = <C>(decide: (s: PassPlanState | null, c: C) => PassPlanChange[]) =>
  deciderSpecification<PassPlanState, PassPlanChange, C>({ decide, evolve: evolvePassPlan, at, validate: validateChange(PASS_PLAN_AGGREGATE, at) });

const input = (over: Partial<PassPlanInput> = {}): PassPlanInput => ({
  name: ' Gift ',
  description: null,
  state: 'ACTIVE',
  classification: 'GIFT',
  currency: 'eur',
  valueType: null,
  fixedValues: ['25', '50.5'],
  minimum: null,
  maximum: null,
  validityType: 'ALWAYS',
  validityPeriod: null,
  validityUot: null,
  validityFixedDate: null,
  codeType: 'ALPHANUMERIC',
  codePrefix: '',
  codeSuffix: '',
  codeLength: 16,
  pinRequired: false,
  creditPocket: 'OPEN',
  commercePoolId: null,
  promotionId: null,
  rewardOfferId: null,
  ...over,
});
const terms = {
  classification: 'GIFT' as const,
  currency: 'EUR',
  value: { type: 'FIXED' as const, fixedValues: ['25.00', '50.50'], minimum: null, maximum: null },
  validity: { type: 'ALWAYS' as const, period: null, uot: null, fixedDate: null },
  codeFormat: { type: 'ALPHANUMERIC' as const, prefix: '', suffix: '', length: 16 },
  pinRequired: false,
  creditPocket: 'OPEN' as const,
  commercePoolId: null,
  promotionId: null,
  rewardOfferId: null,
};
const created: PassPlanChange = { type: 'pass_plan.created', data: { name: 'Gift', description: null, state: 'ACTIVE', terms } };
const issued: PassPlanChange = { type: 'pass_plan.passes_issued', data: { batchId: 'b1', count: 2, printed: true } };

describe('pass plans', () => {
  it('creates a plan with normalised values in the currency’s exponent', () => {
    spec(createPassPlan).given().when(input()).then([created]);
  });
  it('refuses bad terms naming the field (table)', () => {
    const { given } = spec(createPassPlan);
    const cases: [Partial<PassPlanInput>, string][] = [
      [{ name: '  ' }, 'name'],
      [{ fixedValues: ['0'] }, 'valueOptions.fixedValues.0'],
      [{ fixedValues: ['1.234'] }, 'valueOptions.fixedValues.0'],
      [{ fixedValues: [], valueType: 'VARIABLE', minimum: '10' }, 'valueOptions.max'],
      [{ fixedValues: [], minimum: '10', maximum: '5' }, 'valueOptions.max'],
      [{ validityType: 'PERIOD' }, 'validity.period'],
      [{ validityType: 'DATE' }, 'validity.fixedDate'],
      [{ codeLength: 8, codePrefix: 'ABC' }, 'codeFormat.length'],
      [{ codePrefix: 'ab' }, 'codeFormat.prefix'],
      [{ creditPocket: 'COMMERCE' }, 'commercePoolId'],
      [{ classification: 'PROMOTION' }, 'promotionPasses.promotionId'],
      [{ classification: 'VOUCHER' }, 'classification'],
    ];
    for (const [over, field] of cases) given().when(input(over)).thenFails({ field });
  });
  it('keeps its terms once it has passes; name and state still change', () => {
    const { given } = spec(updatePassPlan);
    given(created, issued)
      .when(input({ fixedValues: ['25'] }))
      .thenFails({ reason: 'PASS_PLAN_HAS_PASSES' });
    given(created, issued)
      .when(input({ name: 'Gift cards', state: 'INACTIVE' }))
      .then([{ type: 'pass_plan.updated', data: { name: 'Gift cards', description: null, state: 'INACTIVE', terms } }]);
    given(created)
      .when(input({ fixedValues: ['25'] }))
      .then([
        {
          type: 'pass_plan.updated',
          data: { name: 'Gift', description: null, state: 'ACTIVE', terms: { ...terms, value: { ...terms.value, fixedValues: ['25.00'] } } },
        },
      ]);
    given(created).when(input()).then([]);
  });
  it('issues passes of an ACTIVE plan only, 1 to 1000 at a time', () => {
    const { given } = spec(recordPassesIssued);
    given(created).when({ batchId: 'b1', count: 2, printed: true }).then([issued]);
    given(created).when({ batchId: 'b1', count: 1001, printed: true }).thenFails({ field: 'numberOfPasses' });
    given(created, { type: 'pass_plan.updated', data: { ...created.data, state: 'INACTIVE' } } as PassPlanChange)
      .when({ batchId: 'b1', count: 1, printed: false })
      .thenFails({ reason: 'PASS_PLAN_NOT_ACTIVE' });
  });
  it('gives a pass one of the plan’s values or one within its range, and its expiry', () => {
    const plan = evolvePassPlan(null, created, { version: 1, at });
    assert.equal(passValueOf(plan, '50.5'), '50.50');
    assert.throws(() => passValueOf(plan, '30'), /one of 25.00, 50.50/);
    assert.throws(() => passValueOf(plan, null), /several values/);
    const range = { ...plan, terms: { ...terms, value: { type: 'VARIABLE' as const, fixedValues: [], minimum: '10.00', maximum: '100.00' } } };
    assert.equal(passValueOf(range, '10'), '10.00');
    assert.throws(() => passValueOf(range, '100.01'), /between/);
    assert.equal(passExpiry(plan, at), null);
    const months = { ...plan, terms: { ...terms, validity: { type: 'PERIOD' as const, period: 1, uot: 'MONTHS' as const, fixedDate: null } } };
    assert.equal(passExpiry(months, new Date('2026-01-15T00:00:00.000Z')), '2026-02-15T00:00:00.000Z');
  });
});
