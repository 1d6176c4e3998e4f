import { z } from 'zod';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { sendJson, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { boolean, PAGING_PARAMS, parsePaging } from '../../kit/paging';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { ascendingOf, checkSort, guidParam } from './handlers';

/** The engagement service's catalogued COMMUNICATION_NOT_FOUND. */
export const COMMUNICATION = 'communication' as NotFoundSubject;
export const communicationNotFound = (id: string): AppError => recordNotFound(COMMUNICATION, id);
export const communicationId = (ctx: RestContext): string => guidParam(ctx, 'id', communicationNotFound);

export const COMMUNICATIONS_TAG = 'Communications';
export const COMMUNICATIONS_TAG_DOC = { name: COMMUNICATIONS_TAG, description: 'A contact’s communications (email, SMS, in-app inbox).' };
export const BO_COMMUNICATIONS_TAG = 'Communications (Back-Office)';
export const BO_COMMUNICATIONS_TAG_DOC = {
  name: BO_COMMUNICATIONS_TAG,
  description: 'Ad-hoc sends, the communication log with each send’s state, and the templates event-triggered sends use.',
};

const FIELDS = `id name trigger channel language contactId recipient sender subject content state rejectedReason attempts lastError viewed viewedAt archived createdAt updatedAt`;
const PAYLOAD = `id childId consistencyToken ${USER_ERROR_FIELDS}`;

export const GET_COMMUNICATION = op('query', 'RestGetCommunication', `query RestGetCommunication($id: ID!) { communication(id: $id) { ${FIELDS} } }`);
export const LIST_COMMUNICATIONS = op(
  'query',
  'RestListCommunications',
  `query RestListCommunications($filter: CommunicationFilterInput, $offset: Int!, $limit: Int!, $ascending: Boolean!) {
    communications(filter: $filter, offset: $offset, limit: $limit, ascending: $ascending) { total hasMore items { ${FIELDS} } } }`,
);
export const SEND_COMMUNICATION = op(
  'mutation',
  'RestSendCommunication',
  `mutation RestSendCommunication($input: SendCommunicationInput!, $idempotencyKey: String) { sendCommunication(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const MARK_COMMUNICATION = op(
  'mutation',
  'RestMarkCommunication',
  `mutation RestMarkCommunication($id: ID!, $viewed: Boolean, $archived: Boolean) { markCommunication(id: $id, viewed: $viewed, archived: $archived) { ${PAYLOAD} } }`,
);
export const SET_COMMUNICATION_TEMPLATE = op(
  'mutation',
  'RestSetCommunicationTemplate',
  `mutation RestSetCommunicationTemplate($input: CommunicationTemplateInput!) { setCommunicationTemplate(input: $input) { ${PAYLOAD} } }`,
);

export interface GqlCommunication {
  id: string;
  name: string;
  trigger: string;
  channel: 'EMAIL' | 'SMS' | 'INAPP';
  language: string;
  contactId: string | null;
  recipient: string | null;
  sender: string | null;
  subject: string | null;
  content: string;
  state: 'PENDING' | 'COMPLETED' | 'REJECTED' | 'FAILED';
  rejectedReason: string | null;
  attempts: number;
  lastError: string | null;
  viewed: boolean;
  viewedAt: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

const channel = z.enum(['EMAIL', 'SMS', 'INAPP']);

/** A communication as Self-Service shows it (the contract's fields we hold; FAILED shows as REJECTED, the contract's states). */
export const selfServiceCommunicationResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  state: z.enum(['PENDING', 'COMPLETED', 'REJECTED']),
  channel,
  is_viewed: z.boolean(),
  viewed_on: epoch.optional(),
  is_archived: z.boolean(),
  created_on: epoch,
  language: z.string(),
  sender: z.string().optional(),
  recipient: z.string().optional(),
  subject: z.string().optional(),
  content: z.string(),
  contact: z.strictObject({ id: z.string() }).optional(),
});
export const selfServiceCommunicationPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServiceCommunicationResponse) });

export function selfServiceCommunicationOut(c: GqlCommunication): z.infer<typeof selfServiceCommunicationResponse> {
  return {
    id: c.id,
    name: c.name,
    state: c.state === 'FAILED' ? 'REJECTED' : c.state,
    channel: c.channel,
    is_viewed: c.viewed,
    ...(c.viewedAt ? { viewed_on: epochSeconds(c.viewedAt) } : {}),
    is_archived: c.archived,
    created_on: epochSeconds(c.createdAt),
    language: c.language,
    ...(c.sender ? { sender: c.sender } : {}),
    ...(c.recipient ? { recipient: c.recipient } : {}),
    ...(c.subject ? { subject: c.subject } : {}),
    content: c.content,
    ...(c.contactId ? { contact: { id: c.contactId } } : {}),
  };
}

/** A communication as the Back-Office shows it: with the delivery record (state, attempts, last error, why rejected). */
export const backOfficeCommunicationResponse = selfServiceCommunicationResponse.extend({
  state: z.enum(['PENDING', 'COMPLETED', 'REJECTED', 'FAILED']),
  trigger: z.enum(['AD_HOC', 'CONTACT_REGISTERED']),
  rejected_reason: z.enum(['OPTED_OUT', 'NO_RECIPIENT']).optional(),
  attempts: z.int().min(0),
  last_error: z.string().optional(),
  updated_on: epoch,
});
export const backOfficeCommunicationPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeCommunicationResponse) });

export function backOfficeCommunicationOut(c: GqlCommunication): z.infer<typeof backOfficeCommunicationResponse> {
  return {
    ...selfServiceCommunicationOut(c),
    state: c.state,
    trigger: c.trigger as 'AD_HOC' | 'CONTACT_REGISTERED',
    ...(c.rejectedReason ? { rejected_reason: c.rejectedReason as 'OPTED_OUT' | 'NO_RECIPIENT' } : {}),
    attempts: c.attempts,
    ...(c.lastError ? { last_error: c.lastError } : {}),
    updated_on: epochSeconds(c.updatedAt),
  };
}

export const COMMUNICATION_LIST_PARAMS = [...PAGING_PARAMS, 'order', 'sort', 'channel', 'viewed', 'archived'] as const;
export const CREATED_ON_PARAMS = ['created_on[gt]', 'created_on[gte]', 'created_on[lt]', 'created_on[lte]'] as const;

/** The filter and page of a communication list from its query parameters (400 naming a bad one). */
export function communicationListQuery(params: Map<string, string>): {
  filter: Record<string, unknown>;
  paging: ReturnType<typeof parsePaging>;
  ascending: boolean;
} {
  const paging = parsePaging(params);
  checkSort(params);
  const channelRaw = params.get('channel')?.toUpperCase();
  if (channelRaw !== undefined && !channel.options.includes(channelRaw as never))
    throw AppError.validation('channel', 'must be EMAIL, SMS or INAPP', 'INVALID_ENUM');
  const bool = (name: string) => (params.get(name) === undefined ? null : boolean(name, params.get(name)!));
  const epochParam = (name: string): Date | null => {
    const raw = params.get(name);
    if (raw === undefined) return null;
    if (!/^[0-9]{1,12}$/.test(raw)) throw AppError.validation(name, 'must be epoch seconds', 'INVALID_DATE');
    return new Date(Number(raw) * 1000);
  };
  const gt = epochParam('created_on[gt]');
  const lt = epochParam('created_on[lt]');
  const createdFrom = epochParam('created_on[gte]') ?? (gt ? new Date(gt.getTime() + 1000) : null);
  const createdTo = epochParam('created_on[lte]') ?? (lt ? new Date(lt.getTime() - 1000) : null);
  return {
    filter: { channel: channelRaw ?? null, viewed: bool('viewed'), archived: bool('archived'), createdFrom, createdTo },
    paging,
    ascending: ascendingOf(params),
  };
}

/** Runs the list query; null page: a contact asked for another contact's. */
export async function communicationPage(
  ctx: RestContext,
  params: Map<string, string>,
  extra: Record<string, unknown>,
): Promise<{ page: { total: number; hasMore: boolean; items: GqlCommunication[] } | null; paging: Record<string, unknown> }> {
  const { filter, paging, ascending } = communicationListQuery(params);
  const data = await ctx.gateway.run(
    LIST_COMMUNICATIONS,
    { filter: { ...filter, ...extra }, offset: (paging.page - 1) * paging.size, limit: paging.size, ascending },
    snakeCaseFields,
  );
  const page = (data['communications'] as { total: number; hasMore: boolean; items: GqlCommunication[] } | null | undefined) ?? null;
  const envelope: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (page && paging.includeTotal) envelope['total'] = page.total;
  envelope['has_more'] = page?.hasMore ?? false;
  return { page, paging: envelope };
}

export const sendPage = (ctx: RestContext, paging: Record<string, unknown>, content: unknown[]): void => sendJson(ctx.res, 200, { paging, content });
