import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders, T0 } from './decider-test-kit';
import { addApplication, addOrganisation, createTenant, evolveTenant, type TenantChange } from './tenant';

const TENANT = '00000000-0000-4000-8000-0000000000b1';
const APP = '00000000-0000-4000-8000-0000000000b2';
const MERCHANT = '00000000-0000-4000-8000-0000000000b3';
const VENUE = '00000000-0000-4000-8000-0000000000b4';

const spec = identityDeciders(AGGREGATES.tenant, TENANT, evolveTenant);

const created: TenantChange = { type: 'tenant.created', data: { name: 'Acme' } };
const business = { id: TENANT, type: 'BUSINESS' as const };

describe('tenant deciders', () => {
  it('createTenant: a trimmed name creates the tenant at version 1 (its root organisation)', () => {
    const state = spec(createTenant).given().when({ name: '  Acme ' }).then([created]);
    assert.deepEqual(state, { id: TENANT, name: 'Acme', version: 100, createdAt: T0 });
    assert.equal(spec(createTenant).fold([created])?.version, 1);
  });

  it('createTenant: an empty, too long or control-character name is refused', () => {
    spec(createTenant).given().when({ name: ' ' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
    spec(createTenant)
      .given()
      .when({ name: 'x'.repeat(201) })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
    spec(createTenant).given().when({ name: 'a\u0000b' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_CHARACTERS' });
  });

  it('addApplication: the application is a tenant event taking the next version', () => {
    const state = spec(addApplication)
      .given(created)
      .when({ tenantId: TENANT, applicationId: APP, name: ' Web shop ' })
      .then([{ type: 'tenant.application_created', data: { applicationId: APP, name: 'Web shop' } }]);
    assert.equal(state.name, 'Acme');
    assert.equal(state.version, 100);
  });

  it('addApplication: a bad name is refused before the tenant is looked at; a missing tenant is not found', () => {
    spec(addApplication)
      .given()
      .when({ tenantId: TENANT, applicationId: APP, name: 'x'.repeat(101) })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
    spec(addApplication)
      .given()
      .when({ tenantId: TENANT, applicationId: APP, name: 'Web' })
      .thenFails({ code: 'NOT_FOUND', reason: 'TENANT_NOT_FOUND' });
  });

  it('addOrganisation: a merchant under the business, a venue under the merchant', () => {
    spec(addOrganisation)
      .given(created)
      .when({ tenantId: TENANT, organisationId: MERCHANT, type: 'MERCHANT', name: ' Shop ', parentId: TENANT, parent: business })
      .then([{ type: 'tenant.organisation_created', data: { organisationId: MERCHANT, parentId: TENANT, type: 'MERCHANT', name: 'Shop' } }]);
    spec(addOrganisation)
      .given(created)
      .when({
        tenantId: TENANT,
        organisationId: VENUE,
        type: 'VENUE',
        name: 'Corner',
        parentId: MERCHANT,
        parent: { id: MERCHANT, type: 'MERCHANT' },
      })
      .then([{ type: 'tenant.organisation_created', data: { organisationId: VENUE, parentId: MERCHANT, type: 'VENUE', name: 'Corner' } }]);
  });

  it('addOrganisation: a missing tenant or parent is not found; a wrong parent type or a second business is refused', () => {
    const cmd = { tenantId: TENANT, organisationId: MERCHANT, type: 'MERCHANT' as const, name: 'Shop', parentId: TENANT, parent: business };
    spec(addOrganisation).given().when(cmd).thenFails({ code: 'NOT_FOUND', reason: 'TENANT_NOT_FOUND' });
    spec(addOrganisation)
      .given(created)
      .when({ ...cmd, parentId: VENUE, parent: null })
      .thenFails({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    spec(addOrganisation)
      .given(created)
      .when({ ...cmd, parent: { id: VENUE, type: 'VENUE' } })
      .thenFails({ code: 'VALIDATION', field: 'parentId', reason: 'INVALID_PARENT' });
    spec(addOrganisation)
      .given(created)
      .when({ ...cmd, type: 'BUSINESS' })
      .thenFails({ code: 'VALIDATION', field: 'type', reason: 'INVALID_ORGANISATION_TYPE' });
    spec(addOrganisation)
      .given(created)
      .when({ ...cmd, name: '' })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'INVALID_LENGTH' });
  });
});
