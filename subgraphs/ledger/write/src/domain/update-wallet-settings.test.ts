import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deciderSpecification } from '@crm/platform/testing';
import { defaultWalletSettings, type CommercePoolState, type SettingsChange, type WalletState } from './settings';
import { setCommercePoolActivation, setTenantLimits, updateWalletSettings, type WalletSettingsPatch } from './update-wallet-settings';
import { defineCommercePool } from './define-commerce-pool';
import { checkWalletLimits, periodStart } from './wallet-limits';
import { NOW, uuid, validateChange } from './ledger-test-kit';

const WALLET = uuid(1);
const POOL = uuid(70);
const wallet = (): WalletState => ({ id: WALLET, contactId: uuid(2), version: 1, settings: defaultWalletSettings() });
const evolveWallet = (s: WalletState | null, c: SettingsChange): WalletState =>
  c.type === 'wallet.updated' ? { ...(s ?? wallet()), version: (s?.version ?? 1) + 1, settings: c.data.settings } : (s ?? wallet());
const validate = validateChange;
const { from } = deciderSpecification<WalletState, SettingsChange, WalletSettingsPatch>({
  decide: (s, patch) => updateWalletSettings(s ?? wallet(), patch),
  evolve: evolveWallet,
  at: NOW,
  validate,
});
const pool = (patch: Partial<CommercePoolState['definition']> = {}): CommercePoolState => ({
  id: POOL,
  version: 1,
  definition: {
    name: 'Coffee',
    description: null,
    requiresActivation: true,
    organisationIds: [],
    productCategoryIds: [],
    validFrom: null,
    validTo: null,
    isActive: true,
    ...patch,
  },
});

describe('wallet settings', () => {
  it('sets top-ups exactly (normalised decimals), keeps what is not named, clears with null', () => {
    const method = { type: 'CARD' as const, id: 'pm' };
    const events = from(wallet())
      .when({ autoTopup: { threshold: '5', amount: '20.5', currency: 'EUR', paymentMethod: method } })
      .events();
    assert.deepEqual(events[0]!.type === 'wallet.updated' && events[0]!.data.settings.autoTopup, {
      threshold: '5.00',
      amount: '20.50',
      currency: 'EUR',
      paymentMethod: method,
    });
    const after = from(wallet())
      .when({ autoTopup: { threshold: '5', amount: '20.5', currency: 'EUR', paymentMethod: method } })
      .then(events);
    const cleared = from(after).when({ termedTopup: null }).events()[0]!;
    assert.ok(cleared.type === 'wallet.updated' && cleared.data.settings.autoTopup !== null && cleared.data.settings.termedTopup === null);
    from(wallet())
      .when({ autoTopup: { threshold: '5', amount: '1.001', currency: 'EUR', paymentMethod: method } })
      .thenFails({ field: 'autoTopup.amount' });
  });

  it('limit rules need a maximum; their amounts are exact in the currency', () => {
    const rule = {
      id: uuid(80),
      name: null,
      appliesFor: ['TRANSFER' as const],
      currency: 'EUR',
      maximumAmount: null,
      maximumNumber: null,
      period: 'DAILY' as const,
    };
    from(wallet())
      .when({ limitRules: [rule] })
      .thenFails({ field: 'limitRules.0.maximumAmount', reason: 'REQUIRED' });
    from(wallet())
      .when({ limitRules: [{ ...rule, maximumAmount: '0.001' }] })
      .thenFails({ field: 'limitRules.0.maximumAmount' });
    assert.equal(setTenantLimits([{ ...rule, maximumNumber: 3 }])[0]!.type, 'ledger_limits.set');
  });

  it('a contact activates an active pool once, deactivates it; an inactive, expired or unknown pool is refused', () => {
    const on = setCommercePoolActivation(wallet(), pool(), { commercePoolId: POOL, active: true }, NOW);
    assert.ok(on[0]!.type === 'wallet.updated' && on[0]!.data.settings.activatedCommercePools.includes(POOL));
    const active = evolveWallet(wallet(), on[0]!);
    assert.deepEqual(setCommercePoolActivation(active, pool(), { commercePoolId: POOL, active: true }, NOW), []);
    const off = setCommercePoolActivation(active, pool(), { commercePoolId: POOL, active: false }, NOW);
    assert.ok(off[0]!.type === 'wallet.updated' && off[0]!.data.settings.activatedCommercePools.length === 0);
    assert.throws(() => setCommercePoolActivation(wallet(), pool({ isActive: false }), { commercePoolId: POOL, active: true }, NOW), {
      reason: 'COMMERCE_POOL_INACTIVE',
    } as never);
    assert.throws(
      () => setCommercePoolActivation(wallet(), pool({ validTo: '2024-01-01T00:00:00.000Z' }), { commercePoolId: POOL, active: true }, NOW),
      { reason: 'COMMERCE_POOL_INACTIVE' } as never,
    );
    assert.throws(() => setCommercePoolActivation(wallet(), null, { commercePoolId: POOL, active: true }, NOW), { code: 'NOT_FOUND' } as never);
  });
});

describe('commerce pools', () => {
  it('defines a pool (deduplicated restrictions), changes nothing when redefined the same, refuses a validity that ends first', () => {
    const d = pool().definition;
    const [defined] = defineCommercePool(null, { id: POOL, definition: { ...d, organisationIds: ['a', 'a'] } });
    assert.ok(defined && defined.type === 'commerce_pool.defined');
    validate(defined, 1);
    assert.deepEqual(defined.data.organisationIds, ['a']);
    assert.deepEqual(defineCommercePool({ ...pool(), definition: defined.data }, { id: POOL, definition: defined.data }), []);
    assert.throws(
      () => defineCommercePool(null, { id: POOL, definition: { ...d, validFrom: '2024-02-01T00:00:00.000Z', validTo: '2024-01-01T00:00:00.000Z' } }),
      { field: 'validTo', reason: 'INVALID_VALIDITY' } as never,
    );
  });
});

describe('wallet limits', () => {
  it('refuses a movement beyond a rule of its kind and currency in the period, by amount or by number', () => {
    const rule = {
      id: uuid(81),
      name: null,
      appliesFor: ['TRANSFER' as const],
      currency: 'EUR',
      maximumAmount: '15.00',
      maximumNumber: 2,
      period: 'DAILY' as const,
    };
    const used = (amount: bigint, count: number) => () => ({ amount, count });
    checkWalletLimits([rule], 'TRANSFER', 'EUR', 500n, used(1000n, 1));
    assert.throws(() => checkWalletLimits([rule], 'TRANSFER', 'EUR', 501n, used(1000n, 1)), {
      field: 'amount',
      reason: 'WALLET_LIMIT_EXCEEDED',
    } as never);
    assert.throws(() => checkWalletLimits([rule], 'TRANSFER', 'EUR', 1n, used(0n, 2)), { reason: 'WALLET_LIMIT_EXCEEDED' } as never);
    checkWalletLimits([rule], 'DEBIT', 'EUR', 10_000n, used(0n, 9));
    checkWalletLimits([rule], 'TRANSFER', 'USD', 10_000n, used(0n, 9));
  });

  it('periods start today, on Monday, on the first of the month (UTC)', () => {
    const wed = new Date('2024-05-01T10:00:00Z');
    assert.equal(periodStart('DAILY', wed).toISOString(), '2024-05-01T00:00:00.000Z');
    assert.equal(periodStart('WEEKLY', wed).toISOString(), '2024-04-29T00:00:00.000Z');
    assert.equal(periodStart('MONTHLY', new Date('2024-05-19T10:00:00Z')).toISOString(), '2024-05-01T00:00:00.000Z');
  });
});
