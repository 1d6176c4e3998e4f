import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventEnvelope, EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import {
  COMMUNICATION_AGGREGATE,
  COMMUNICATION_CHANNELS,
  COMMUNICATION_TEMPLATE_AGGREGATE,
  type CommunicationChannel,
} from '@crm/event-bus/contracts/engagement';
import {
  evolveCommunication,
  evolveCommunicationTemplate,
  existingCommunication,
  type CommunicationChange,
  type CommunicationState,
  type CommunicationTemplateChange,
  type CommunicationTemplateState,
} from '../domain/communication';
import { requestCommunication, type ContactProfile } from '../domain/request-communication';
import { recordDeliveryAttempt, type DeliveryOutcome } from '../domain/record-delivery-attempt';
import { markCommunication, type MarkCommunication } from '../domain/mark-communication';
import { setCommunicationTemplate, type SetCommunicationTemplate } from '../domain/set-communication-template';
import { pickTemplate, renderTemplate, type TemplateValues } from '../domain/render-template';
import { communicationStore, communicationTemplateStore, templatesOf } from '../persistence/stores';
import { contactProfile, type ContactRow } from '../consumers/contact-profiles.consumer';
import { versionConflict, type Caller } from './engagement-commands';

export const communicationAggregate: AggregateDefinition<CommunicationState, CommunicationChange> = {
  type: COMMUNICATION_AGGREGATE,
  evolve: evolveCommunication,
  store: communicationStore,
  versionConflict: versionConflict('communication'),
};

export const communicationTemplateAggregate: AggregateDefinition<CommunicationTemplateState, CommunicationTemplateChange> = {
  type: COMMUNICATION_TEMPLATE_AGGREGATE,
  evolve: evolveCommunicationTemplate,
  store: communicationTemplateStore,
  versionConflict: versionConflict('communication template'),
  // two first sets of the same template race on its (derived) id: the loser decides again on the winner's state
  retryable: (err) => (err as { driverError?: { code?: string }; code?: string })?.driverError?.code === '23505',
};

/** A stable id from a name (a UUIDv5-shaped hash): the same trigger of the same thing is the same communication. */
export function derivedId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const profileOf = (row: ContactRow): ContactProfile => ({
  id: row.contact_id,
  email: row.email,
  phone: row.phone,
  languageCode: row.language_code,
  emailOptOut: row.email_opt_out,
  smsOptOut: row.sms_opt_out,
});

const valuesOf = (row: ContactRow): TemplateValues => ({
  first_name: row.first_name,
  last_name: row.last_name,
  full_name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.company_name,
  email: row.email,
  code: row.code,
});

export interface SendCommunicationInput {
  name: string;
  channel: CommunicationChannel;
  language: string;
  contactId: string | null;
  recipient: string | null;
  subject: string | null;
  content: string;
}

export interface CommunicationSettings {
  /** The From address of emails. */
  sender: string;
  /** The language a template falls back to when the contact's has none. */
  defaultLanguage: string;
}

/** Communication and template commands on the kit's command handler. */
export class CommunicationCommands {
  private readonly communications: CommandHandler<CommunicationState, CommunicationChange>;
  private readonly templates: CommandHandler<CommunicationTemplateState, CommunicationTemplateChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly settings: CommunicationSettings,
  ) {
    this.communications = new CommandHandler(dataSource, registry, communicationAggregate, onCommitted);
    this.templates = new CommandHandler(dataSource, registry, communicationTemplateAggregate, onCommitted);
  }

  /** An ad-hoc send from the back office: to a contact (its address, its opt-outs) and/or an explicit recipient. */
  async send(caller: Caller, input: SendCommunicationInput, idempotencyKey: string | null): Promise<CommandResult<CommunicationState>> {
    const row = input.contactId ? await contactProfile(this.dataSource, caller.tenantId, input.contactId) : null;
    if (input.contactId && !row) throw AppError.validation('contact_id', `contact ${input.contactId} is not a contact of the business`, 'INVALID_ID');
    if (!row && input.channel === 'INAPP') throw AppError.validation('contact_id', 'an in-app communication goes to a contact', 'REQUIRED');
    if (!row && !input.recipient) throw AppError.validation('recipient', 'a recipient or a contact is required', 'REQUIRED');
    if (input.channel === 'EMAIL' && !input.subject?.trim()) throw AppError.validation('subject', 'an email needs a subject', 'REQUIRED');
    const values = row ? valuesOf(row) : {};
    const cmd = {
      name: input.name,
      trigger: 'AD_HOC' as const,
      channel: input.channel,
      language: input.language,
      contact: row ? profileOf(row) : null,
      recipient: input.recipient,
      sender: input.channel === 'EMAIL' ? this.settings.sender : null,
      subject: input.subject === null ? null : renderTemplate(input.subject, values),
      content: renderTemplate(input.content, values),
    };
    const idempotency = idempotencyKey ? { scope: 'engagement.communication.send', key: idempotencyKey, request: input } : null;
    return this.communications.run(caller, { create: true, id: null }, (state) => requestCommunication(state, cmd), idempotency);
  }

  /**
   * The registration welcome of a new contact: one communication per channel the tenant has a
   * CONTACT_REGISTERED template for, rendered in the contact's language (else the default, else
   * any). Its id derives from the contact: a redelivered event sends nothing twice.
   */
  async welcome(event: EventEnvelope): Promise<void> {
    const row = await contactProfile(this.dataSource, event.tenantId, event.aggregateId);
    if (!row) return;
    const ctx: RequestContext = {
      tenantId: event.tenantId,
      correlationId: event.correlationId,
      causationId: event.id,
      actor: { kind: 'service', id: 'engagement-write' },
    };
    for (const channel of COMMUNICATION_CHANNELS) {
      const template = pickTemplate(
        await templatesOf(this.dataSource, event.tenantId, 'CONTACT_REGISTERED', channel),
        row.language_code?.trim().toUpperCase() ?? null,
        this.settings.defaultLanguage,
      );
      if (!template) continue;
      const values = valuesOf(row);
      const cmd = {
        name: template.name,
        trigger: 'CONTACT_REGISTERED' as const,
        channel,
        language: template.language,
        contact: profileOf(row),
        recipient: null,
        sender: channel === 'EMAIL' ? this.settings.sender : null,
        subject: template.subject === null ? null : renderTemplate(template.subject, values),
        content: renderTemplate(template.content, values),
      };
      const id = derivedId(`${event.tenantId}:${event.aggregateId}:CONTACT_REGISTERED:${channel}`);
      await this.communications.run(ctx, { create: true, id }, (state) => requestCommunication(state, cmd));
    }
  }

  /** Marks a communication viewed/archived: its contact (a contact: only its own) or the back office. */
  mark(caller: Caller, id: string, input: MarkCommunication): Promise<CommandResult<CommunicationState>> {
    return this.communications.run(caller, { create: false, ref: id }, (state) => {
      const current = existingCommunication(state);
      if (caller.principal.kind === 'contact' && current.contactId !== caller.principal.subjectId) existingCommunication(null);
      return markCommunication(current, input);
    });
  }

  /** Sets the template of a trigger, channel and language (one per tenant each; its id derives from them). */
  setTemplate(caller: RequestContext, input: SetCommunicationTemplate): Promise<CommandResult<CommunicationTemplateState>> {
    const id = derivedId(`${caller.tenantId}:template:${input.trigger}:${input.channel}:${input.language}`);
    return this.templates
      .run(caller, { create: true, id }, (state) => setCommunicationTemplate(state, input))
      .then(async (result) =>
        // an existing template: the create target returned it unchanged, so change it
        result.events.length === 0 && result.state.version > 0
          ? this.templates.run(caller, { create: false, ref: id }, (state) => setCommunicationTemplate(state, input))
          : result,
      );
  }

  /** Records one delivery attempt's outcome (the delivery worker's). */
  recordAttempt(
    tenantId: string,
    id: string,
    outcome: DeliveryOutcome,
    policy: { maxAttempts: number; retryBaseMs: number },
  ): Promise<CommandResult<CommunicationState>> {
    const ctx: RequestContext = { tenantId, correlationId: newId(), actor: { kind: 'service', id: 'engagement-write.delivery' } };
    return this.communications.run(ctx, { create: false, ref: id }, (state) => recordDeliveryAttempt(state, { outcome, ...policy, now: new Date() }));
  }
}
