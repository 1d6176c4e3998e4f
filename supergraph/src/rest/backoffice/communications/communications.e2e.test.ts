import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { eventually } from '../../../testing/eventually';
import { startSmtpSink, type SmtpSink } from '../../../testing/smtp-sink';
import { selfServiceContractCheck } from '../../../testing/contract-check';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';

/**
 * Communications end to end against a local SMTP server: the registration welcome rendered in the
 * contact's language (else the default) reaches it, an opted-out contact gets none (recorded
 * REJECTED), a refusing server is retried and the send recorded FAILED after the last attempt;
 * the contact's inbox over Self-Service, validated against the contract.
 */
describe('communications end to end (contacts → engagement-write → SMTP; REST inbox)', () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  const ok = selfServiceContractCheck();
  const as = (contactId: string) => ({ 'x-dev-principal': `contact:${contactId}` });
  const newContact = async (body: Record<string, unknown>): Promise<string> => {
    const r = await p.http('POST', `${BO}/contacts`, { contact_type: 'PERSON', last_name: 'Tester', ...body });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };
  /** The contact's communications on a channel once its welcome was recorded and settled (not PENDING). */
  const settled = (contactId: string, channel: string) =>
    eventually(`the ${channel} welcome of ${contactId}`, async () => {
      const r = await p.http('GET', `${BO}/communications?contact_id=${contactId}&channel=${channel}`);
      assert.equal(r.status, 200, r.text);
      const c = r.body.content[0];
      return c && c.state !== 'PENDING' ? c : null;
    });

  before(async () => {
    sink = await startSmtpSink();
    p = await startTestPlatform('engagement-communications-e2e', {
      SMTP_URL: sink.url,
      COMMS_SENDER: 'hello@shop.test',
      COMMS_MAX_ATTEMPTS: '3',
      COMMS_RETRY_BASE_MS: '100',
      COMMS_POLL_MS: '50',
    });
    const templates = [
      {
        channel: 'EMAIL',
        language: 'ENG',
        name: 'Welcome',
        subject: 'Welcome {{first_name}}',
        content: 'Hello {{full_name}}, your code is {{code}}.',
      },
      { channel: 'EMAIL', language: 'gre', name: 'Καλωσόρισμα', subject: 'Καλώς ήρθες {{first_name}}', content: 'Γεια σου {{full_name}}!' },
      { channel: 'INAPP', language: 'ENG', name: 'Welcome', content: 'Welcome aboard, {{first_name}}.' },
    ];
    for (const t of templates) {
      const r = await p.http('POST', `${BO}/communication_templates`, { trigger: 'CONTACT_REGISTERED', ...t });
      assert.equal(r.status, 201, r.text);
    }
  });
  after(async () => {
    await p?.stop();
    await sink?.stop();
  });

  it('welcomes a new contact by email in its language (else the default), honours email_opt_out, and fills its in-app inbox', async () => {
    const eleni = await newContact({ first_name: 'Eleni', last_name: 'Pappa', email: 'eleni@example.test', language_code: 'GRE' });
    const pierre = await newContact({ first_name: 'Pierre', email: 'pierre@example.test', language_code: 'FRA' });
    const optedOut = await newContact({ first_name: 'Quiet', email: 'quiet@example.test', language_code: 'ENG', email_opt_out: true });

    const greek = await eventually('the Greek welcome at the SMTP server', async () => sink.mails.find((m) => m.to.includes('eleni@example.test')));
    assert.deepEqual([greek.subject, greek.text.trim()], ['Καλώς ήρθες Eleni', 'Γεια σου Eleni Pappa!']);
    const french = await eventually('the default-language welcome', async () => sink.mails.find((m) => m.to.includes('pierre@example.test')));
    assert.equal(french.subject, 'Welcome Pierre');
    assert.match(french.text, /^Hello Pierre Tester, your code is \S+\.$/m);

    const email = await settled(eleni, 'EMAIL');
    assert.deepEqual(
      [email.state, email.language, email.sender, email.recipient, email.attempts],
      ['COMPLETED', 'GRE', 'hello@shop.test', 'eleni@example.test', 1],
    );
    const refused = await settled(optedOut, 'EMAIL');
    assert.deepEqual([refused.state, refused.rejected_reason, refused.attempts], ['REJECTED', 'OPTED_OUT', 0]);
    assert.equal(sink.attempts.get('quiet@example.test'), undefined, 'an opted-out contact gets no email');
    assert.equal(sink.mails.filter((m) => m.to.includes('eleni@example.test')).length, 1, 'one welcome, once');

    // the inbox over Self-Service: the contact's own, validated against the contract
    await settled(eleni, 'INAPP');
    const me = as(eleni);
    const inbox = ok(
      await p.http('GET', `${SS}/contacts/${eleni}/communications?include_total=true`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/communications`,
      200,
    ) as any;
    assert.equal(inbox.paging.total, 2);
    const inapp = inbox.content.find((c: { channel: string }) => c.channel === 'INAPP');
    assert.deepEqual([inapp.state, inapp.content, inapp.is_viewed, inapp.is_archived], ['COMPLETED', 'Welcome aboard, Eleni.', false, false]);
    const one = ok(await p.http('GET', `${SS}/communications/${inapp.id}`, undefined, me), 'GET', `${SS}/communications/{id}`, 200) as any;
    assert.equal(one.id, inapp.id);

    ok(
      await p.http('PUT', `${SS}/communications/${inapp.id}/actions`, { viewed: true, archived: null }, me),
      'PUT',
      `${SS}/communications/{id}/actions`,
      200,
    );
    const viewed = ok(await p.http('GET', `${SS}/communications/${inapp.id}`, undefined, me), 'GET', `${SS}/communications/{id}`, 200) as any;
    assert.deepEqual([viewed.is_viewed, typeof viewed.viewed_on, viewed.is_archived], [true, 'number', false]);
    ok(
      await p.http('PUT', `${SS}/communications/${inapp.id}/actions`, { viewed: null, archived: true }, me),
      'PUT',
      `${SS}/communications/{id}/actions`,
      200,
    );
    const archived = await eventually('the archived filter', async () => {
      const r = await p.http('GET', `${SS}/contacts/${eleni}/communications?archived=true`, undefined, me);
      return r.body.content?.length === 1 ? r : null;
    });
    ok(archived, 'GET', `${SS}/contacts/{id}/communications`, 200);
    assert.equal(archived.body.content[0].id, inapp.id);
    const unarchived = ok(
      await p.http('GET', `${SS}/contacts/${eleni}/communications?archived=false&channel=EMAIL`, undefined, me),
      'GET',
      `${SS}/contacts/{id}/communications`,
      200,
    ) as any;
    assert.deepEqual(
      unarchived.content.map((c: { channel: string }) => c.channel),
      ['EMAIL'],
    );

    // another contact sees none of it
    const other = as(pierre);
    assert.equal((await p.http('GET', `${SS}/communications/${inapp.id}`, undefined, other)).status, 404);
    assert.equal((await p.http('PUT', `${SS}/communications/${inapp.id}/actions`, { viewed: false, archived: false }, other)).status, 404);
    assert.equal((await p.http('GET', `${SS}/contacts/${eleni}/communications`, undefined, other)).status, 404);
    const bad = await p.http('PUT', `${SS}/communications/${inapp.id}/actions`, { viewed: 'yes', archived: null }, me);
    assert.deepEqual([bad.status, bad.body.field], [400, 'viewed'], bad.text);
  });

  it('retries a refusing SMTP server, then records the send FAILED after the last attempt; ad-hoc sends render the contact’s variables', async () => {
    const failing = await p.http('POST', `${BO}/communications`, {
      name: 'Invoice',
      channel: 'EMAIL',
      language: 'ENG',
      recipient: 'fail@example.test',
      subject: 'Your invoice',
      content: 'Attached.',
    });
    assert.equal(failing.status, 201, failing.text);
    const failed = await eventually('the failed send', async () => {
      const r = await p.http('GET', `${BO}/communications/${failing.body.id}`);
      return r.body.state === 'FAILED' ? r.body : null;
    });
    assert.equal(failed.attempts, 3);
    assert.match(failed.last_error, /451/);
    assert.equal(sink.attempts.get('fail@example.test'), 3, 'three attempts reached the server');

    const contactId = await newContact({ first_name: 'Ada', email: 'ada@example.test', sms_opt_out: true });
    const sent = await p.http('POST', `${BO}/communications`, {
      name: 'Note',
      channel: 'EMAIL',
      language: 'eng',
      contact_id: contactId,
      subject: 'Hi {{first_name}}',
      content: 'Dear {{full_name}}',
    });
    assert.equal(sent.status, 201, sent.text);
    const mail = await eventually('the ad-hoc email', async () =>
      sink.mails.find((m) => m.to.includes('ada@example.test') && m.subject === 'Hi Ada'),
    );
    assert.equal(mail.text.trim(), 'Dear Ada Tester');
    const sms = await p.http('POST', `${BO}/communications`, {
      name: 'Promo',
      channel: 'SMS',
      language: 'ENG',
      contact_id: contactId,
      recipient: '+35799000001',
      content: 'Sale!',
    });
    assert.equal(sms.status, 201, sms.text);
    const smsState = await eventually('the opted-out SMS', async () => {
      const r = await p.http('GET', `${BO}/communications/${sms.body.id}`);
      return r.status === 200 ? r.body : null;
    });
    assert.deepEqual([smsState.state, smsState.rejected_reason], ['REJECTED', 'OPTED_OUT']);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = (await p.http('GET', `${BO}/communications?include_total=true`)).body.paging.total;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', channel: 'EMAIL', language: 'ENG', recipient: 'a@example.test', content: 'y' }, 'subject'],
      [{ name: 'x', channel: 'FAX', language: 'ENG', recipient: 'a@example.test', content: 'y' }, 'channel'],
      [{ name: 'x', channel: 'INAPP', language: 'ENG', content: 'y' }, 'contact_id'],
      [{ name: 'x', channel: 'EMAIL', language: 'ENG', recipient: 'not-an-address', subject: 's', content: 'y' }, 'recipient'],
      [{ name: 'x', channel: 'SMS', language: 'ENG', contact_id: '00000000-0000-4000-8000-000000000000', content: 'y' }, 'contact_id'],
      [{ name: 'x', channel: 'SMS', language: 'ENGLISH', recipient: '+35799000001', content: 'y' }, 'language'],
    ];
    for (const [body, field] of cases) {
      const r = await p.http('POST', `${BO}/communications`, body);
      assert.deepEqual([r.status, r.body.field], [400, field], `${JSON.stringify(body)} → ${r.text}`);
    }
    const template = await p.http('POST', `${BO}/communication_templates`, {
      trigger: 'CONTACT_REGISTERED',
      channel: 'EMAIL',
      language: 'ENG',
      name: 'x',
      subject: 'Hi',
      content: 'Your password is {{password}}',
    });
    assert.deepEqual([template.status, template.body.field], [400, 'content'], template.text);
    assert.equal((await p.http('GET', `${BO}/communications?include_total=true`)).body.paging.total, before);
    assert.equal((await p.http('GET', `${BO}/communications/nope`)).status, 404);
  });
});
