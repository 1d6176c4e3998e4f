import { z } from 'zod';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { pathUuid } from '../subscriptions/handlers';

const SERVICE = 'service' as NotFoundSubject;
const COMMAND = 'provisioning command' as NotFoundSubject;
const PAYLOAD = `commandId state consistencyToken ${USER_ERROR_FIELDS}`;

export const SEND_COMMAND = op(
  'mutation',
  'RestSendServiceCommand',
  `mutation RestSendServiceCommand($serviceId: ID!, $input: ServiceCommandInput!) { sendServiceCommand(serviceId: $serviceId, input: $input) { ${PAYLOAD} } }`,
);
export const SERVICE_COMMANDS = op(
  'query',
  'RestServiceCommands',
  `query RestServiceCommands($integrationId: String) { serviceCommands(integrationId: $integrationId) { code name attributes { key label type mandatory } } }`,
);
export const ANSWER_COMMAND = op(
  'mutation',
  'RestAnswerServiceCommand',
  `mutation RestAnswerServiceCommand($id: ID!, $state: String!, $reason: String) { answerServiceCommand(id: $id, state: $state, reason: $reason) { ${PAYLOAD} } }`,
);

export const sendCommandBody = z.strictObject({
  integration_id: z.string().min(1).max(64),
  service_id: z.string().min(1).max(64),
  code: z.string().min(1).max(32),
  metadata_attributes: z
    .array(z.strictObject({ key: z.string().min(1).max(64), value: z.string().max(1024) }))
    .max(20)
    .optional(),
  contact: z
    .strictObject({ id: z.string().max(64).optional(), code: z.string().max(64).optional(), name: z.string().max(256).optional() })
    .optional(),
});
export const answerCommandBody = z.strictObject({
  state: z.enum(['COMPLETED', 'REJECTED', 'IGNORED']),
  reason: z.string().min(1).max(256).optional(),
});
export const commandListResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      code: z.enum(['REFRESH', 'RESET_PIN']),
      name: z.string(),
      metadata_attributes: z.array(
        z.strictObject({ key: z.string(), label: z.string(), type: z.enum(['SELECTION', 'TEXT']), is_mandatory: z.boolean() }),
      ),
    }),
  ),
});
export const commandStateResponse = z.strictObject({ state: z.enum(['REJECTED', 'COMPLETED', 'IGNORED', 'PENDING']) });

/** GET /self-service/v2/provisioning/service_commands (integration_id: every integration takes the same commands here). */
export const listServiceCommands: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, ['integration_id']);
  const integration = q.get('integration_id');
  if (integration !== undefined && (integration.length < 1 || integration.length > 64))
    throw AppError.validation('integration_id', 'must be 1 to 64 characters', 'INVALID_LENGTH');
  const data = await ctx.gateway.run(SERVICE_COMMANDS, { integrationId: integration ?? null }, snakeCaseFields);
  const commands = data['serviceCommands'] as {
    code: string;
    name: string;
    attributes: { key: string; label: string; type: string; mandatory: boolean }[];
  }[];
  sendJson(ctx.res, 200, {
    content: commands.map((c) => ({
      code: c.code,
      name: c.name,
      metadata_attributes: c.attributes.map((a) => ({ key: a.key, label: a.label, type: a.type, is_mandatory: a.mandatory })),
    })),
  });
};

type Payload = { commandId: string | null; state: string | null; consistencyToken: string | null; errors: never[] };

/** POST /self-service/v2/provisioning/service_commands → 200 {state: PENDING}; the integration answers later. */
export const sendServiceCommand: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(sendCommandBody, await ctx.readBody());
  if (!isUuid(body.service_id)) throw recordNotFound(SERVICE, body.service_id);
  const payload = await ctx.gateway.mutate<Payload>(
    SEND_COMMAND,
    {
      serviceId: canonicalPathId(body.service_id),
      input: { integrationId: body.integration_id, code: body.code, metadataAttributes: body.metadata_attributes ?? [] },
    },
    'sendServiceCommand',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { state: payload.state });
};

/** PUT /backoffice/v2/provisioning/service_commands/{id} {state, reason?}: the integration's answer → 200 {id}. */
export const answerServiceCommand: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', COMMAND);
  const body = validateBody(answerCommandBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    ANSWER_COMMAND,
    { id, state: body.state, reason: body.reason ?? null },
    'answerServiceCommand',
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { id: payload.commandId ?? id });
};
