import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { defineResource } from '../../kit/resource';
import { mutate } from '../../domains/engagement/handlers';
import {
  communicationId,
  communicationNotFound,
  COMMUNICATIONS_TAG,
  COMMUNICATIONS_TAG_DOC,
  GET_COMMUNICATION,
  MARK_COMMUNICATION,
  selfServiceCommunicationOut,
  selfServiceCommunicationResponse,
  type GqlCommunication,
} from '../../domains/engagement/communications';

/** PUT /self-service/v2/communications/{id}/actions: `{viewed, archived}` (both required by the contract, null keeps a flag). */
export const communicationActionsBody = z.strictObject({
  id: z.string().max(100).optional().describe('Ignored (the path names the communication).'),
  viewed: z.boolean().nullable(),
  archived: z.boolean().nullable(),
});

/** GET /self-service/v2/communications/{id} (CommunicationSelfServiceResource_getSingle). */
const getCommunication: Handler = async (ctx) => {
  noQuery(ctx);
  const id = communicationId(ctx);
  const data = await ctx.gateway.run(GET_COMMUNICATION, { id }, snakeCaseFields);
  const found = data['communication'] as GqlCommunication | null | undefined;
  if (!found) throw communicationNotFound(id);
  sendJson(ctx.res, 200, selfServiceCommunicationOut(found));
};

/** PUT /self-service/v2/communications/{id}/actions (CommunicationSelfServiceResource_communicationActions) → 200 `{id}`. */
const communicationActions: Handler = async (ctx) => {
  noQuery(ctx);
  const id = communicationId(ctx);
  const body = validateBody(communicationActionsBody, await ctx.readBody());
  await mutate(ctx, MARK_COMMUNICATION, { id, viewed: body.viewed, archived: body.archived }, 'markCommunication');
  sendJson(ctx.res, 200, { id });
};

/** One communication of the calling contact: read, mark viewed / archived. */
export const resource = defineResource({
  family: 'self-service',
  name: 'communications',
  pathParameters: { id: 'CommunicationId' },
  openapi: {
    tags: [COMMUNICATIONS_TAG_DOC],
    parameters: {
      CommunicationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The communication GUID (dashed or 32 hex digits).',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    requestSchemas: [{ name: 'CommunicationActionsSS', schema: communicationActionsBody }],
    responseSchemas: [{ name: 'CommunicationSS', schema: selfServiceCommunicationResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/communications/:id',
      handler: getCommunication,
      operations: [GET_COMMUNICATION],
      doc: {
        operationId: 'getCommunicationSS',
        summary: 'Get a communication',
        description: 'A contact sees its own only (another’s: 404).',
        tag: COMMUNICATIONS_TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The communication.', schema: 'CommunicationSS' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/communications/:id/actions',
      handler: communicationActions,
      operations: [MARK_COMMUNICATION],
      doc: {
        operationId: 'communicationActionsSS',
        summary: 'Mark a communication viewed and/or archived',
        description: 'null keeps a flag as it is; viewed_on is set the first time it is viewed.',
        tag: COMMUNICATIONS_TAG,
        audience: 'selfservice',
        body: 'CommunicationActionsSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Marked; the id of the communication.', schema: 'IdResult' },
      },
    },
  ],
});
