import { query } from '../../kit/openapi';
import { queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { contactNotFound } from '../../domains/contacts/errors';
import { engagementComponents } from '../../domains/engagement/openapi';
import { guidParam } from '../../domains/engagement/handlers';
import {
  communicationPage,
  COMMUNICATION_LIST_PARAMS,
  COMMUNICATIONS_TAG,
  COMMUNICATIONS_TAG_DOC,
  CREATED_ON_PARAMS,
  LIST_COMMUNICATIONS,
  selfServiceCommunicationOut,
  selfServiceCommunicationPageResponse,
  sendPage,
} from '../../domains/engagement/communications';
import type { Handler } from '../../kit/context';

/** GET /self-service/v2/contacts/{id}/communications (CommunicationSelfServiceResource_list) → the paging envelope, newest first. */
const listCommunications: Handler = async (ctx) => {
  const contactId = guidParam(ctx, 'id', contactNotFound);
  const params = queryParams(ctx.url.searchParams, [...COMMUNICATION_LIST_PARAMS, ...CREATED_ON_PARAMS]);
  const { page, paging } = await communicationPage(ctx, params, { contactId });
  if (!page) throw contactNotFound(contactId);
  sendPage(ctx, paging, page.items.map(selfServiceCommunicationOut));
};

const epochQuery = (name: string, what: string) => query(name, { type: 'integer', minimum: 0 }, `Created ${what} (epoch seconds).`);

/** A contact's communications (its inbox and what was sent to it). */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-communications',
  pathParameters: { id: 'CommContactId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [COMMUNICATIONS_TAG_DOC],
    parameters: {
      CommContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact GUID (dashed or 32 hex digits); a contact may name only itself.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      CommChannel: query('channel', { type: 'string', enum: ['EMAIL', 'SMS', 'INAPP'] }, 'Only this channel’s.'),
      CommViewed: query('viewed', { type: 'boolean' }, 'Only viewed (true) or unviewed (false) ones.'),
      CommArchived: query('archived', { type: 'boolean' }, 'Only archived (true) or unarchived (false) ones.'),
      CommCreatedGt: epochQuery('created_on[gt]', 'after'),
      CommCreatedGte: epochQuery('created_on[gte]', 'at or after'),
      CommCreatedLt: epochQuery('created_on[lt]', 'before'),
      CommCreatedLte: epochQuery('created_on[lte]', 'at or before'),
    },
    responseSchemas: [{ name: 'CommunicationPageSS', schema: selfServiceCommunicationPageResponse }],
  }),
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/communications',
      handler: listCommunications,
      operations: [LIST_COMMUNICATIONS],
      doc: {
        operationId: 'listContactCommunicationsSS',
        summary: 'List a contact’s communications',
        description: 'Newest first by default. A send that failed shows as REJECTED (the contract’s states).',
        tag: COMMUNICATIONS_TAG,
        audience: 'selfservice',
        query: [
          'Page',
          'Size',
          'IncludeTotal',
          'SrOrder',
          'SrSort',
          'CommChannel',
          'CommViewed',
          'CommArchived',
          'CommCreatedGt',
          'CommCreatedGte',
          'CommCreatedLt',
          'CommCreatedLte',
        ],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of communications.', schema: 'CommunicationPageSS' },
      },
    },
  ],
});
