import { MailService } from '@sendgrid/mail';
import { Client as SendgridClient } from '@sendgrid/client';
import Mixpanel from 'mixpanel';
import twilio from 'twilio';
import { renderTemplate } from '../domain/adapter-rules';
import type { AdapterResult } from '../automations/adapter-port';
import type { OpenAdapter } from '../application/adapter-commands';

/** One provider call for one event: the adapter (opened), the action's params, the event's entity. */
export interface ProviderCall {
  adapter: OpenAdapter;
  params: Record<string, string>;
  event: { id: string; type: string; data: Record<string, unknown> };
  timeoutMs: number;
}

export type Provider = (call: ProviderCall) => Promise<AdapterResult>;

const render = (call: ProviderCall, name: string, fallback: string) => renderTemplate(call.params[name] ?? fallback, call.event.data);

/** A provider's error status as an outcome: 429 and 5xx are worth a retry, the rest are not. */
function failed(provider: string, status: number | null, message: string): AdapterResult {
  return {
    ok: false,
    outcome: `${provider}${status === null ? '' : ` ${status}`}: ${message}`.slice(0, 400),
    retriable: status === null || status === 429 || status >= 500,
  };
}

/**
 * Sendgrid (its official library, @sendgrid/mail): POST {base}/v3/mail/send with the API key as a
 * bearer token; a dynamic template (`template_id`, the event data as its dynamic_template_data) or
 * `subject` + `text`; to `params.to` (default the contact's email).
 */
export const sendgrid: Provider = async (call) => {
  const to = render(call, 'to', '{{email}}');
  if (!to) return { ok: false, outcome: 'sendgrid: the event has no email address to send to' };
  const client = new SendgridClient();
  client.setApiKey(call.adapter.credentials['api_key']!);
  client.setDefaultRequest('baseUrl', call.adapter.baseUrl);
  const mail = new MailService();
  mail.setClient(client);
  const from = {
    email: call.adapter.settings['from_email']!,
    ...(call.adapter.settings['from_name'] ? { name: call.adapter.settings['from_name'] } : {}),
  };
  const templateId = call.params['template_id'];
  const message = templateId
    ? { to, from, templateId, dynamicTemplateData: { ...call.event.data, event_type: call.event.type } }
    : { to, from, subject: render(call, 'subject', 'Notification'), text: render(call, 'text', '') || ' ' };
  try {
    const [response] = await mail.send(message);
    const id = response.headers['x-message-id'];
    return { ok: true, outcome: `sendgrid accepted (${response.statusCode})`, resultId: typeof id === 'string' ? id : null };
  } catch (err) {
    const e = err as { code?: number; message?: string };
    return failed('sendgrid', typeof e.code === 'number' ? e.code : null, e.message ?? String(err));
  }
};

/**
 * Mixpanel (its official library, mixpanel): with `params.event`, a tracked event
 * (GET {base}/track?data=<base64 JSON>) with `$insert_id` = the event id, so Mixpanel dedupes a
 * repeated call; without it, the contact's profile set from the event data (GET {base}/engage).
 */
export const mixpanel: Provider = (call) => {
  const base = new URL(call.adapter.baseUrl);
  const client = Mixpanel.init(call.adapter.credentials['token']!, {
    host: base.host,
    protocol: base.protocol.replace(':', ''),
    path: base.pathname.replace(/\/$/, ''),
    keepAlive: false,
  });
  const distinctId = render(call, 'distinct_id', '{{id}}');
  return new Promise<AdapterResult>((resolve) => {
    const done = (err: Error | undefined) =>
      resolve(
        err
          ? failed('mixpanel', null, err.message)
          : { ok: true, outcome: call.params['event'] ? 'mixpanel event tracked' : 'mixpanel profile set', resultId: call.event.id },
      );
    const event = call.params['event'];
    if (event) {
      client.track(event, { distinct_id: distinctId, $insert_id: call.event.id, time: Date.now(), crm_event_type: call.event.type }, done);
    } else {
      const d = call.event.data;
      const profile: Record<string, unknown> = {};
      if (typeof d['firstName'] === 'string') profile['$first_name'] = d['firstName'];
      if (typeof d['lastName'] === 'string') profile['$last_name'] = d['lastName'];
      if (typeof d['email'] === 'string') profile['$email'] = d['email'];
      if (typeof d['code'] === 'string') profile['crm_code'] = d['code'];
      client.people.set(distinctId, profile, done);
    }
  });
};

/**
 * Google Analytics 4 Measurement Protocol (no official Node library: fetch):
 * POST {base}/mp/collect?measurement_id=…&api_secret=… with `{client_id, events: [{name, params}]}`.
 */
export const ga4: Provider = async (call) => {
  const url = new URL(`${call.adapter.baseUrl}/mp/collect`);
  url.searchParams.set('measurement_id', call.adapter.settings['measurement_id']!);
  url.searchParams.set('api_secret', call.adapter.credentials['api_secret']!);
  const name = render(call, 'event', call.event.type.replace(/[^A-Za-z0-9_]/g, '_'));
  const body = {
    client_id: render(call, 'client_id', '{{id}}') || call.event.id,
    events: [{ name, params: { crm_event_id: call.event.id, crm_event_type: call.event.type } }],
  };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300 ? { ok: true, outcome: `ga4 accepted (${res.status})` } : failed('ga4', res.status, res.statusText);
  } catch (err) {
    return failed('ga4', null, (err as Error).message);
  }
};

/** Twilio (its official library, twilio): an SMS `params.text` to `params.to` (default the contact's first phone) from the adapter's number. */
export const twilioSms: Provider = async (call) => {
  const phones = call.event.data['phones'];
  const first = Array.isArray(phones) && phones[0] && typeof phones[0] === 'object' ? (phones[0] as Record<string, unknown>)['number'] : undefined;
  const to = call.params['to'] ? render(call, 'to', '') : typeof first === 'string' ? first : '';
  if (!to) return { ok: false, outcome: 'twilio: the event has no phone number to send to' };
  const client = twilio(call.adapter.credentials['account_sid']!, call.adapter.credentials['auth_token']!, {
    timeout: call.timeoutMs,
    autoRetry: false,
  });
  client.api.baseUrl = call.adapter.baseUrl;
  try {
    const message = await client.messages.create({ to, from: call.adapter.settings['from_number']!, body: render(call, 'text', '') || ' ' });
    return { ok: true, outcome: `twilio ${message.status ?? 'queued'}`, resultId: message.sid };
  } catch (err) {
    const e = err as { status?: number; message?: string };
    return failed('twilio', typeof e.status === 'number' ? e.status : null, e.message ?? String(err));
  }
};

export const PROVIDERS: Record<OpenAdapter['kind'], Provider> = { SENDGRID: sendgrid, MIXPANEL: mixpanel, GA4: ga4, TWILIO: twilioSms };
