import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { PROVISIONING_ANSWERS } from '@crm/event-bus/contracts/subscriptions';
import type { RequestContext } from '@crm/event-bus/kit';
import type { ProvisioningCommands } from '../application/provisioning-commands';
import type { ProvisioningCommandState } from '../domain/provisioning/provisioning';

@InputType()
export class CommandMetadataInput {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@InputType({ description: 'A service command for a provisioning integration.' })
export class ServiceCommandInput {
  @Field(() => String) integrationId: string;
  @Field(() => String, { description: 'REFRESH | RESET_PIN' }) code: string;
  @Field(() => [CommandMetadataInput], { nullable: true }) metadataAttributes: CommandMetadataInput[] | null;
}

@ObjectType()
export class ServiceCommandPayload {
  @Field(() => ID, { nullable: true }) commandId: string | null;
  @Field(() => String, { nullable: true, description: 'PENDING | COMPLETED | REJECTED | IGNORED' }) state: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});
const payloadOf = (r: { state: ProvisioningCommandState; consistency: Parameters<typeof formatConsistencyToken>[0] }): ServiceCommandPayload => ({
  commandId: r.state.id,
  state: r.state.state,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});
const empty = (): ServiceCommandPayload => ({ commandId: null, state: null, consistencyToken: null, errors: [] });

@InputType({ description: "A contact's device to let on a WiFi site, for the usage estimation it consumes against." })
export class WifiAuthorizationInput {
  @Field(() => String, { description: 'The device MAC address (01-23-45-67-89-AB, colons or none accepted).' }) macAddress: string;
  @Field(() => String, { description: 'The usage estimation (POST /estimates/allowance) the contact is authorised for.' }) estimationId: string;
  @Field(() => String, { description: "The site (the organisation's WiFi network)." }) siteId: string;
}

@ObjectType()
export class WifiAuthorizationPayload {
  @Field(() => ID, { nullable: true }) authorizationId: string | null;
  @Field(() => String, { nullable: true }) macAddress: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver()
export class ProvisioningMutationsResolver {
  constructor(private readonly commands: ProvisioningCommands) {}

  @Authorized(['subscriptions.write'])
  @Mutation(() => ServiceCommandPayload, {
    description: 'Sends a service command to a provisioning integration: PENDING, and a provisioning.command_requested event its plugin consumes.',
  })
  sendServiceCommand(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => ServiceCommandInput) input: ServiceCommandInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceCommandPayload> {
    return asPayload<ServiceCommandPayload>(async () => {
      const service = canonicalId(serviceId);
      if (!service) throw AppError.notFound('service', serviceId);
      if (input.integrationId.length < 1 || input.integrationId.length > 64)
        throw AppError.validation('integrationId', 'must be 1 to 64 characters', 'INVALID_LENGTH');
      const metadata = (input.metadataAttributes ?? []).map((m, i) => {
        if (m.key.length < 1 || m.key.length > 64)
          throw AppError.validation(`metadataAttributes[${i}].key`, 'must be 1 to 64 characters', 'INVALID_LENGTH');
        if (m.value.length > 1024) throw AppError.validation(`metadataAttributes[${i}].value`, 'must be at most 1024 characters', 'INVALID_LENGTH');
        return { key: m.key, value: m.value };
      });
      if (metadata.length > 20) throw AppError.validation('metadataAttributes', 'at most 20', 'TOO_MANY');
      return payloadOf(await this.commands.request(requestOf(ctx), service, { integrationId: input.integrationId, code: input.code, metadata }));
    }, empty);
  }

  @Authorized(['subscriptions.write'])
  @Mutation(() => ServiceCommandPayload, {
    description: "The integration's answer to a service command: COMPLETED, REJECTED (with a reason) or IGNORED.",
  })
  answerServiceCommand(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String) state: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ServiceCommandPayload> {
    return asPayload<ServiceCommandPayload>(async () => {
      const commandId = canonicalId(id);
      if (!commandId) throw AppError.notFound('provisioning command', id);
      if (!(PROVISIONING_ANSWERS as readonly string[]).includes(state))
        throw AppError.validation('state', `must be one of ${PROVISIONING_ANSWERS.join(', ')}`, 'INVALID_ENUM');
      if (reason != null && reason.length > 256) throw AppError.validation('reason', 'must be at most 256 characters', 'INVALID_LENGTH');
      return payloadOf(
        await this.commands.answer(requestOf(ctx), { commandId, state: state as (typeof PROVISIONING_ANSWERS)[number], reason: reason ?? null }),
      );
    }, empty);
  }

  @Authorized(['subscriptions.write'])
  @Mutation(() => WifiAuthorizationPayload, {
    description:
      'Authorises a contact with a service in use on a WiFi site for usage allowance consumption: a wifi.authorization_requested event the WiFi platform plugin consumes.',
  })
  authorizeContactWifi(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => WifiAuthorizationInput) input: WifiAuthorizationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WifiAuthorizationPayload> {
    return asPayload<WifiAuthorizationPayload>(
      async () => {
        const contact = canonicalId(contactId);
        if (!contact) throw new AppError('NOT_FOUND', `contact ${contactId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
        const r = await this.commands.authorizeWifi(requestOf(ctx), { contactId: contact, ...input });
        return { authorizationId: r.state.id, macAddress: r.state.macAddress, consistencyToken: formatConsistencyToken(r.consistency), errors: [] };
      },
      () => ({ authorizationId: null, macAddress: null, consistencyToken: null, errors: [] }),
    );
  }
}
