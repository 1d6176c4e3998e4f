import { Arg, Ctx, Field, ID, InputType, Mutation, registerEnumType, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { AppError } from '@crm/platform/errors';
import { asPayload, Authorized, type SubgraphContext } from '@crm/platform/graphql';
import {
  COMMUNICATION_CHANNELS,
  COMMUNICATION_TRIGGERS,
  type CommunicationChannel,
  type CommunicationTrigger,
} from '@crm/event-bus/contracts/engagement';
import type { CommunicationCommands } from '../application/communication-commands';
import { callerOf, empty, EngagementPayload, payloadOf } from './engagement-mutations.resolver';
import { asEnum } from './inputs';

export const CommunicationChannelEnum = asEnum(COMMUNICATION_CHANNELS);
registerEnumType(CommunicationChannelEnum, { name: 'CommunicationChannel', description: 'EMAIL, SMS or INAPP (the contact’s inbox).' });
export const CommunicationTriggerEnum = asEnum(COMMUNICATION_TRIGGERS);
registerEnumType(CommunicationTriggerEnum, { name: 'CommunicationTrigger', description: 'What sends a template: CONTACT_REGISTERED (welcome).' });

@InputType()
export class SendCommunicationInput {
  @Field(() => String, { description: '1 to 200 characters.' }) name: string;
  @Field(() => CommunicationChannelEnum) channel: CommunicationChannel;
  @Field(() => String, { description: 'A language code such as ENG.' }) language: string;
  @Field(() => ID, { nullable: true, description: 'The contact it goes to (its address on the channel and its opt-outs apply); INAPP needs it.' })
  contactId: string | null;
  @Field(() => String, { nullable: true, description: 'An email address or phone number; default: the contact’s.' }) recipient: string | null;
  @Field(() => String, { nullable: true, description: 'Required for EMAIL. `{{variable}}` placeholders are filled from the contact.' })
  subject: string | null;
  @Field(() => String, { description: '`{{first_name}}`, `{{last_name}}`, `{{full_name}}`, `{{email}}`, `{{code}}` are filled from the contact.' })
  content: string;
}

@InputType()
export class CommunicationTemplateInput {
  @Field(() => CommunicationTriggerEnum) trigger: CommunicationTrigger;
  @Field(() => CommunicationChannelEnum) channel: CommunicationChannel;
  @Field(() => String, { description: 'A language code such as ENG; one template per trigger, channel and language.' }) language: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'Required for EMAIL.' }) subject: string | null;
  @Field(() => String) content: string;
}

@Resolver()
export class CommunicationMutationsResolver {
  constructor(private readonly commands: CommunicationCommands) {}

  @Authorized(['engagement.write'])
  @Mutation(() => EngagementPayload, {
    description: 'Sends an ad-hoc communication (EMAIL and SMS are delivered in the background, with retries). Opt-outs are honoured.',
  })
  sendCommunication(
    @Arg('input', () => SendCommunicationInput) input: SendCommunicationInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const contactId = input.contactId === null || input.contactId === undefined ? null : canonicalId(input.contactId);
      if (input.contactId && !contactId) throw AppError.validation('contact_id', 'must be an id', 'INVALID_ID');
      const language = input.language.trim().toUpperCase();
      if (!/^[A-Z]{2,3}$/.test(language)) throw AppError.validation('language', 'must be a language code such as ENG', 'INVALID_VALUE');
      const send = {
        name: input.name,
        channel: input.channel,
        language,
        contactId,
        recipient: input.recipient ?? null,
        subject: input.subject ?? null,
        content: input.content,
      };
      return payloadOf(await this.commands.send(callerOf(ctx), send, idempotencyKey));
    }, empty);
  }

  @Authorized(['engagement.write', SELF])
  @Mutation(() => EngagementPayload, { description: 'Marks a communication viewed and/or archived (null keeps a flag); a contact: only its own.' })
  markCommunication(
    @Arg('id', () => ID) id: string,
    @Arg('viewed', () => Boolean, { nullable: true }) viewed: boolean | null,
    @Arg('archived', () => Boolean, { nullable: true }) archived: boolean | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const canonical = canonicalId(id);
      if (!canonical) throw new AppError('NOT_FOUND', `communication ${id} was not found`, { reason: 'COMMUNICATION_NOT_FOUND' });
      return payloadOf(await this.commands.mark(callerOf(ctx), canonical, { viewed: viewed ?? null, archived: archived ?? null }));
    }, empty);
  }

  @Authorized(['engagement.manage'])
  @Mutation(() => EngagementPayload, { description: 'Sets the template of a trigger, channel and language (replaces it when it exists).' })
  setCommunicationTemplate(
    @Arg('input', () => CommunicationTemplateInput) input: CommunicationTemplateInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EngagementPayload> {
    return asPayload(async () => {
      const language = input.language.trim().toUpperCase();
      return payloadOf(await this.commands.setTemplate(callerOf(ctx), { ...input, language, subject: input.subject ?? null }));
    }, empty);
  }
}
