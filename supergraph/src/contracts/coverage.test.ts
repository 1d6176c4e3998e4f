import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeCoverage, contractOperations, normaliseTemplate, renderCoverage, servedRoutes } from './coverage';
import { coverageReport, currentCoverage } from './coverage-report';

const contract = {
  paths: {
    '/self-service/v2/contacts/{id}': {
      get: { operationId: 'getContact', tags: ['Contact'] },
      put: { operationId: 'updateContact', tags: ['Contact'] },
      patch: { operationId: 'patchContact', tags: ['Contact'] },
    },
    '/self-service/v2/contacts/{contact_id}/addresses/{address_id}': { delete: { operationId: 'deleteAddress', tags: ['Contact Addresses'] } },
    '/self-service/v2/contacts/register': { post: { operationId: 'register', tags: ['Authentication'] } },
    '/self-service/v2/wallets/{id}': { get: { operationId: 'getWallet' }, parameters: [] },
  },
};

const handler = () => undefined;
const routes = [
  { pattern: '/self-service/v2/contacts/register/', handlers: { POST: handler } },
  { pattern: '/self-service/v2/contacts/:id', handlers: { GET: handler, DELETE: handler, PUT: undefined } },
  { pattern: '/self-service/v2/contacts/:id/addresses/:addressId', handlers: { DELETE: handler } },
  { pattern: '/self-service/v2/contacts/:id/extras', handlers: { GET: handler } },
  { pattern: '/backoffice/v2/users/:id', handlers: { GET: handler } },
  { pattern: '/backoffice/v2/contacts', handlers: { GET: handler, POST: handler } },
];

describe('normaliseTemplate', () => {
  it('erases parameter names in both notations and keeps literal segments', () => {
    assert.equal(normaliseTemplate('/a/{contact_id}/b/{id}'), '/a/{}/b/{}');
    assert.equal(normaliseTemplate('/a/:id/b/:addressId'), '/a/{}/b/{}');
    assert.equal(normaliseTemplate('/a/register/'), '/a/register');
    assert.notEqual(normaliseTemplate('/a/register'), normaliseTemplate('/a/{id}'));
    assert.notEqual(normaliseTemplate('/a/{id}'), normaliseTemplate('/a/{id}/b'));
  });
});

describe('computeCoverage', () => {
  const coverage = computeCoverage(contractOperations(contract), servedRoutes(routes));
  const op = (operationId: string) => coverage.selfService.tags.flatMap((t) => t.operations).find((o) => o.operationId === operationId)!;

  it('matches by method and template whatever the parameters are called', () => {
    assert.equal(op('getContact').servedBy, '/self-service/v2/contacts/:id');
    assert.equal(op('deleteAddress').servedBy, '/self-service/v2/contacts/:id/addresses/:addressId');
    assert.equal(op('register').servedBy, '/self-service/v2/contacts/register/');
  });

  it('does not count another method of a served path, or a method without a handler', () => {
    assert.equal(op('patchContact').servedBy, null);
    assert.equal(op('updateContact').servedBy, null); // PUT: undefined is not served
    assert.equal(op('getWallet').servedBy, null);
  });

  it('totals per tag and overall; untagged operations are counted, path-level keys are not operations', () => {
    assert.deepEqual(
      coverage.selfService.tags.map((t) => [t.tag, t.served, t.total]),
      [
        ['(untagged)', 0, 1],
        ['Authentication', 1, 1],
        ['Contact', 1, 3],
        ['Contact Addresses', 1, 1],
      ],
    );
    assert.equal(coverage.selfService.served, 3);
    assert.equal(coverage.selfService.total, 6);
  });

  it('lists served Self-Service routes the contract lacks, and Back-Office routes per resource', () => {
    assert.deepEqual(
      coverage.selfServiceNotInContract.map((r) => `${r.method} ${r.pattern}`),
      ['DELETE /self-service/v2/contacts/:id', 'GET /self-service/v2/contacts/:id/extras'],
    );
    assert.deepEqual(
      coverage.backOffice.resources.map((r) => [r.resource, r.routes.map((x) => x.method)]),
      [
        ['contacts', ['GET', 'POST']],
        ['users', ['GET']],
      ],
    );
    const md = renderCoverage(coverage, 'schema/contracts/x.json');
    assert.match(md, /Self-Service: \*\*3 of 6\*\* operations served/);
    assert.match(md, /\| Contact \| 1 \| 3 \| 33% \|/);
    assert.match(md, /\| no \| PATCH \| `\/self-service\/v2\/contacts\/\{id\}` \| patchContact \|/);
  });
});

describe('coverage of the committed contract by the real route table', () => {
  it('counts every served Self-Service route as a contract operation', () => {
    const coverage = currentCoverage();
    assert.equal(coverage.selfService.total, 208);
    assert.deepEqual(coverage.selfServiceNotInContract, [], 'a Self-Service route the contract does not have');
    assert.ok(coverage.selfService.served >= 21, `served ${coverage.selfService.served}`);
    assert.match(coverageReport(coverage), /^# REST contract coverage\n/);
  });
});
