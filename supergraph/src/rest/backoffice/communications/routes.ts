import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { guid, validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { idempotencyKeyOf, queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { engagementComponents } from '../../domains/engagement/openapi';
import { mutate } from '../../domains/engagement/handlers';
import {
  backOfficeCommunicationOut,
  backOfficeCommunicationPageResponse,
  backOfficeCommunicationResponse,
  BO_COMMUNICATIONS_TAG as TAG,
  BO_COMMUNICATIONS_TAG_DOC,
  communicationId,
  communicationNotFound,
  communicationPage,
  COMMUNICATION_LIST_PARAMS,
  CREATED_ON_PARAMS,
  GET_COMMUNICATION,
  LIST_COMMUNICATIONS,
  SEND_COMMUNICATION,
  sendPage,
  type GqlCommunication,
} from '../../domains/engagement/communications';

const STATES = ['PENDING', 'COMPLETED', 'REJECTED', 'FAILED'] as const;

/** POST /backoffice/v2/communications: an ad-hoc email, SMS or in-app message (CRM.COM `{name, channel, language, recipient, subject, content}`). */
export const communicationBody = z.strictObject({
  name: z.string().min(1).max(200),
  channel: z.enum(['EMAIL', 'SMS', 'INAPP']),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/)
    .describe('A language code such as ENG'),
  recipient: z.string().min(3).max(254).optional().describe('An email address or phone number; default: the contact’s on the channel.'),
  contact_id: guid.optional().describe('The contact it goes to: its address, opt-outs and inbox (required for INAPP).'),
  subject: z.string().min(1).max(500).optional().describe('Required for EMAIL.'),
  content: z
    .string()
    .min(1)
    .max(20000)
    .describe('`{{first_name}}`, `{{last_name}}`, `{{full_name}}`, `{{email}}`, `{{code}}` are filled from the contact.'),
});

/** POST /backoffice/v2/communications → 201 `{id}`; delivery is in the background (the state tells how it went). */
const sendCommunication: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(communicationBody, await ctx.readBody());
  const input = {
    name: body.name,
    channel: body.channel,
    language: body.language.toUpperCase(),
    contactId: body.contact_id ?? null,
    recipient: body.recipient ?? null,
    subject: body.subject ?? null,
    content: body.content,
  };
  const payload = await mutate(ctx, SEND_COMMUNICATION, { input, idempotencyKey: idempotencyKeyOf(ctx.req) }, 'sendCommunication');
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/communications → the paging envelope, newest first (`contact_id`, `states`, `channel`, …). */
const listCommunications: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...COMMUNICATION_LIST_PARAMS, ...CREATED_ON_PARAMS, 'contact_id', 'states']);
  const contactRaw = params.get('contact_id');
  const contact = contactRaw === undefined ? null : guid.safeParse(contactRaw);
  if (contact && !contact.success) throw AppError.validation('contact_id', 'must be a GUID', 'INVALID_ID');
  const statesRaw = params.get('states');
  const states = statesRaw === undefined ? null : statesRaw.split(',').map((s) => s.trim().toUpperCase());
  if (states?.some((s) => !(STATES as readonly string[]).includes(s)))
    throw AppError.validation('states', `must be ${STATES.join(', ')}`, 'INVALID_ENUM');
  const { page, paging } = await communicationPage(ctx, params, { contactId: contact?.data ?? null, states });
  sendPage(ctx, paging, (page?.items ?? []).map(backOfficeCommunicationOut));
};

/** GET /backoffice/v2/communications/{id}: the communication and its delivery record. */
const getCommunication: Handler = async (ctx) => {
  noQuery(ctx);
  const id = communicationId(ctx);
  const data = await ctx.gateway.run(GET_COMMUNICATION, { id }, snakeCaseFields);
  const found = data['communication'] as GqlCommunication | null | undefined;
  if (!found) throw communicationNotFound(id);
  sendJson(ctx.res, 200, backOfficeCommunicationOut(found));
};

/** Communications: ad-hoc sends and the log of every send with its state. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'communications',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [BO_COMMUNICATIONS_TAG_DOC],
    parameters: {
      CommContactBO: query('contact_id', { type: 'string', format: 'uuid' }, 'Only this contact’s.'),
      CommStatesBO: query('states', { type: 'string', example: 'FAILED' }, 'Comma-separated: PENDING, COMPLETED, REJECTED, FAILED.'),
      CommChannelBO: query('channel', { type: 'string', enum: ['EMAIL', 'SMS', 'INAPP'] }, 'Only this channel’s.'),
    },
    requestSchemas: [{ name: 'CommunicationRequest', schema: communicationBody }],
    responseSchemas: [
      { name: 'Communication', schema: backOfficeCommunicationResponse },
      { name: 'CommunicationPage', schema: backOfficeCommunicationPageResponse },
    ],
  }),
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/communications',
      handler: sendCommunication,
      operations: [SEND_COMMUNICATION],
      doc: {
        operationId: 'sendCommunicationBO',
        summary: 'Send an ad-hoc communication',
        description:
          'Needs engagement.write. EMAIL (SMTP) and SMS are delivered in the background with retries; INAPP lands in the contact’s inbox. A contact that opted out of the channel gets nothing (state REJECTED, rejected_reason OPTED_OUT).',
        tag: TAG,
        audience: 'backoffice',
        body: 'CommunicationRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Recorded; the id of the communication.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/communications',
      handler: listCommunications,
      operations: [LIST_COMMUNICATIONS],
      doc: {
        operationId: 'listCommunicationsBO',
        summary: 'List communications',
        description: 'Needs engagement.read. Newest first by default.',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'SrOrder', 'SrSort', 'CommContactBO', 'CommStatesBO', 'CommChannelBO'],
        reads: true,
        success: { status: 200, description: 'A page of communications.', schema: 'CommunicationPage' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/communications/:id',
      handler: getCommunication,
      operations: [GET_COMMUNICATION],
      doc: {
        operationId: 'getCommunicationBO',
        summary: 'Get a communication',
        description: 'Needs engagement.read. With its delivery record: state, attempts, last error.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The communication.', schema: 'Communication' },
      },
    },
  ],
});
