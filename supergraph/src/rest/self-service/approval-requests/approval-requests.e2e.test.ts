import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { eventually } from '../../../testing/eventually';
import { selfServiceContractCheck } from '../../../testing/contract-check';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * Approval requests over REST: signed, expiring, single-use links (GET shows, POST decides with a
 * form body) and the actions call; a request decides once, also under concurrent decisions;
 * forged, expired, another contact's or another tenant's links are refused. Every Self-Service
 * answer is validated against the contract.
 */
describe('approval requests end to end (REST → engagement-write → engagement-read)', () => {
  let p: TestPlatform;
  let approver: string;
  let stranger: string;
  const ok = selfServiceContractCheck();
  const as = (contactId: string) => ({ 'x-dev-principal': `contact:${contactId}` });
  const newContact = async (name: string): Promise<string> => {
    const r = await p.http('POST', `${BO}/contacts`, { contact_type: 'PERSON', first_name: name, last_name: 'Approver' });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };
  const request = async (over: Record<string, unknown> = {}) => {
    const r = await eventually('an approval request (the approver known to engagement)', async () => {
      const res = await p.http('POST', `${BO}/approval_requests`, {
        contact_id: approver,
        entity: { type: 'ORDERS', id: 'order-1', reference: 'CO1234' },
        ...over,
      });
      return res.status === 201 ? res : null;
    });
    const created = r.body as { id: string; accept_token: string; reject_token: string; expires_on: number };
    // the approver reads it later, under another identity (no read-your-writes token): wait until it is projected
    await eventually('the request in the read model', async () => (await p.http('GET', `${BO}/approval_requests/${created.id}`)).status === 200);
    return created;
  };

  before(async () => {
    p = await startTestPlatform('engagement-approvals-e2e');
    approver = await newContact('Owner');
    stranger = await newContact('Member');
  });
  after(async () => {
    await p?.stop();
  });

  it('the approver sees the request through its link and lists it; the link decides once with a form body', async () => {
    const created = await request();
    const me = as(approver);
    // an API client gets the contract's empty 200; a browser gets the form, posting back to the link
    ok(
      await p.http('GET', `${SS}/approval_requests/accept/${created.accept_token}`, undefined, me),
      'GET',
      `${SS}/approval_requests/accept/{token}`,
      200,
    );
    const form = await p.http('GET', `${SS}/approval_requests/accept/${created.accept_token}`, undefined, { ...me, accept: 'text/html' });
    assert.equal(form.status, 200, form.text);
    assert.match(form.headers.get('content-type') ?? '', /text\/html/);
    assert.match(form.text, /Approve orders CO1234\?/);
    assert.ok(form.text.includes(`action="${created.accept_token}/action"`), form.text);
    const list = ok(
      await p.http('GET', `${SS}/contacts/${approver}/approval_requests?state=PENDING`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/approval_requests`,
      200,
    ) as any;
    assert.ok(list.content.some((c: { id: string }) => c.id === created.id));

    // the accept link cannot reject, and the reject path refuses the accept token
    ok(
      await p.http('GET', `${SS}/approval_requests/reject/${created.reject_token}`, undefined, me),
      'GET',
      `${SS}/approval_requests/reject/{token}`,
      200,
    );
    const mismatch = await p.http('POST', `${SS}/approval_requests/reject/${created.accept_token}/action`, 'comments=no', { ...me, ...FORM });
    assert.deepEqual([mismatch.status, mismatch.body.field], [400, 'token'], mismatch.text);
    ok(
      await p.http('POST', `${SS}/approval_requests/accept/${created.accept_token}/action`, 'comments=Fine+by+me', { ...me, ...FORM }),
      'POST',
      `${SS}/approval_requests/accept/{token}/action`,
      200,
    );
    // single use: neither link nor the actions call decides again
    assert.equal((await p.http('POST', `${SS}/approval_requests/accept/${created.accept_token}/action`, '', { ...me, ...FORM })).status, 409);
    assert.equal((await p.http('POST', `${SS}/approval_requests/reject/${created.reject_token}/action`, '', { ...me, ...FORM })).status, 409);
    assert.equal((await p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'REJECT' }, me)).status, 409);
    const decided = await eventually('the decision in the read model', async () => {
      const r = await p.http('GET', `${BO}/approval_requests/${created.id}`);
      return r.body.state !== 'PENDING' ? r.body : null;
    });
    assert.deepEqual([decided.state, decided.comments], ['APPROVED', 'Fine by me']);
    const approved = ok(
      await p.http('GET', `${SS}/contacts/${approver}/approval_requests?state=APPROVED&entity_types=ORDERS`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/approval_requests`,
      200,
    ) as any;
    assert.ok(approved.content.some((c: { id: string; state: string }) => c.id === created.id && c.state === 'APPROVED'));
  });

  it('decides once under concurrent decisions (links and actions racing)', async () => {
    const created = await request({ entity: { type: 'ORDERS', id: 'order-2' } });
    const me = as(approver);
    const attempts = await Promise.all([
      ...Array.from({ length: 3 }, () => p.http('POST', `${SS}/approval_requests/accept/${created.accept_token}/action`, '', { ...me, ...FORM })),
      ...Array.from({ length: 3 }, () => p.http('POST', `${SS}/approval_requests/reject/${created.reject_token}/action`, '', { ...me, ...FORM })),
      ...Array.from({ length: 2 }, () => p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'REJECT', comments: 'no' }, me)),
    ]);
    const statuses = attempts.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409], attempts.map((r) => r.text).join('\n'));
    const winner = attempts.findIndex((r) => r.status === 200);
    const expected = winner < 3 ? 'APPROVED' : 'REJECTED';
    const final = await eventually('the one decision', async () => {
      const r = await p.http('GET', `${BO}/approval_requests/${created.id}`);
      return r.body.state !== 'PENDING' ? r.body : null;
    });
    assert.equal(final.state, expected);
  });

  it('refuses forged, expired, another contact’s and another tenant’s links; the actions call decides the approver’s own only', async () => {
    const created = await request({ entity: { type: 'SERVICE_REQUESTS', id: 'sr-9' } });
    const me = as(approver);
    const [payload, signature] = created.accept_token.split('.');
    const forged = `${payload!.slice(0, 33)}zzzzzz.${signature}`; // a later expiry under the old signature
    for (const token of [forged, `${payload}.${'A'.repeat(22)}`, 'not-a-token']) {
      assert.equal((await p.http('GET', `${SS}/approval_requests/accept/${token}`, undefined, me)).status, 404, token);
      assert.equal((await p.http('POST', `${SS}/approval_requests/accept/${token}/action`, '', { ...me, ...FORM })).status, 404, token);
    }
    // another contact, another tenant: the link names nothing for them
    assert.equal((await p.http('GET', `${SS}/approval_requests/accept/${created.accept_token}`, undefined, as(stranger))).status, 404);
    assert.equal(
      (await p.http('POST', `${SS}/approval_requests/accept/${created.accept_token}/action`, '', { ...as(stranger), ...FORM })).status,
      404,
    );
    assert.equal((await p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'ACCEPT' }, as(stranger))).status, 404);
    assert.equal((await p.http('GET', `${SS}/contacts/${approver}/approval_requests`, undefined, as(stranger))).status, 404);
    const other = { 'x-dev-tenant': `${p.tenant}-other`, ...me };
    assert.equal((await p.http('POST', `${SS}/approval_requests/accept/${created.accept_token}/action`, '', { ...other, ...FORM })).status, 404);
    assert.equal((await p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'ACCEPT' }, other)).status, 404);
    // bad input names the field
    const bad = await p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'MAYBE' }, me);
    assert.deepEqual([bad.status, bad.body.field], [400, 'action'], bad.text);
    // the approver decides by action
    ok(
      await p.http('POST', `${SS}/approval_requests/${created.id}/actions`, { action: 'REJECT', comments: 'Not now' }, me),
      'POST',
      `${SS}/approval_requests/{id}/actions`,
      200,
    );

    // an expired link and request
    const short = await request({ entity: { type: 'ORDERS', id: 'order-3' }, expires_in: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    const expiredShow = await p.http('GET', `${SS}/approval_requests/accept/${short.accept_token}`, undefined, me);
    assert.deepEqual([expiredShow.status, expiredShow.body.field], [400, 'token'], expiredShow.text);
    assert.equal((await p.http('POST', `${SS}/approval_requests/accept/${short.accept_token}/action`, '', { ...me, ...FORM })).status, 400);
    assert.equal((await p.http('POST', `${SS}/approval_requests/${short.id}/actions`, { action: 'ACCEPT' }, me)).status, 409);
  });
});
