import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { sendJson, type Handler } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { integer, PAGING_PARAMS, pagingOut, parsePaging } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { op } from '../../kit/operation';

const TAG = 'Business events';

export const LIST_BUSINESS_EVENTS = op(
  'query',
  'RestListBusinessEvents',
  `query RestListBusinessEvents($type: String, $aggregateId: String, $from: DateTimeISO, $to: DateTimeISO, $offset: Int!, $size: Int!) {
    businessEvents(type: $type, aggregateId: $aggregateId, from: $from, to: $to, offset: $offset, size: $size) {
      total content { id type aggregateType aggregateId occurredAt data }
    }
  }`,
);

/** GET /backoffice/v2/events. */
export const eventPageResponse = z.strictObject({
  paging: pagingResponse,
  content: z.array(
    z.strictObject({
      id: z.string().describe('The event id (the webhook-id its deliveries carry).'),
      type: z.string(),
      aggregate_type: z.string(),
      aggregate_id: z.string(),
      occurred_on: epoch,
      data: z.record(z.string(), z.unknown()).describe('The event data as published (camelCase fields).'),
    }),
  ),
});

const FILTERS = ['type', 'aggregate_id', 'from', 'to'] as const;
const MAX_EPOCH = 253_402_300_799; // 9999-12-31

interface GqlEvent {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

const text = (name: string, v: string | undefined) => {
  if (v === undefined) return null;
  if (v.length === 0 || v.length > 200) throw AppError.validation(name, 'must be 1 to 200 characters', 'INVALID_VALUE');
  return v;
};
const time = (name: string, v: string | undefined) => (v === undefined ? null : new Date(integer(name, v, 0, MAX_EPOCH) * 1000).toISOString());

/** GET /backoffice/v2/events?type=&aggregate_id=&from=&to=&page=&size=&include_total= → the tenant's business events, newest first. */
const listEvents: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, ...FILTERS]);
  const paging = parsePaging(params);
  const from = time('from', params.get('from'));
  const to = time('to', params.get('to'));
  if (from && to && to <= from) throw AppError.validation('to', 'must be after from', 'INVALID_DATE');
  const variables = {
    type: text('type', params.get('type')),
    aggregateId: text('aggregate_id', params.get('aggregate_id')),
    from,
    to,
    offset: (paging.page - 1) * paging.size,
    size: paging.size,
  };
  const data = await ctx.gateway.run(LIST_BUSINESS_EVENTS, variables, snakeCaseFields);
  const page = data['businessEvents'] as { total: number; content: GqlEvent[] };
  sendJson(ctx.res, 200, {
    paging: pagingOut(paging, page.total),
    content: page.content.map((e) => ({
      id: e.id,
      type: e.type,
      aggregate_type: e.aggregateType,
      aggregate_id: e.aggregateId,
      occurred_on: epochSeconds(e.occurredAt),
      data: e.data,
    })),
  });
};

/** The business events viewer: what the platform published for the tenant (and so what webhooks and automations saw). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'events',
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'The tenant business events as the integrations domain consumed them from the event stream (the types webhooks and automations can use), so an integrator can see what was sent.',
      },
    ],
    responseSchemas: [{ name: 'BusinessEventPage', schema: eventPageResponse }],
    parameters: {
      EventType: {
        name: 'type',
        in: 'query',
        required: false,
        description: 'Only events of this type (e.g. contact.created).',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
      EventAggregateId: {
        name: 'aggregate_id',
        in: 'query',
        required: false,
        description: 'Only events about this entity (its id).',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
      EventFrom: {
        name: 'from',
        in: 'query',
        required: false,
        description: 'Epoch seconds: events at or after.',
        schema: { type: 'integer', minimum: 0 },
      },
      EventTo: {
        name: 'to',
        in: 'query',
        required: false,
        description: 'Epoch seconds: events before (at most 366 days after from).',
        schema: { type: 'integer', minimum: 0 },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/events',
      handler: listEvents,
      operations: [LIST_BUSINESS_EVENTS],
      doc: {
        operationId: 'listBusinessEventsBO',
        summary: 'List business events',
        description:
          'Needs integrations.read. Newest first; filter by type, aggregate_id and a time range [from, to). Other or repeated query parameters are refused (400).',
        tag: TAG,
        audience: 'backoffice',
        query: ['EventType', 'EventAggregateId', 'EventFrom', 'EventTo', 'Page', 'Size', 'IncludeTotal'],
        success: { status: 200, description: 'A page of events.', schema: 'BusinessEventPage' },
      },
    },
  ],
});
