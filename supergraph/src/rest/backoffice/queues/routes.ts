import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { query } from '../../kit/openapi';
import { idempotencyKeyOf, queryParams } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { categoryOut, defaultPriorityOut, guidParam, mutate, QUEUE, stageOut } from '../../domains/engagement/handlers';
import { CREATE_QUEUE, GET_QUEUE, LIST_QUEUES, type GqlQueue } from '../../domains/engagement/operations';
import { queueListResponse, queueResponse } from '../../domains/engagement/schemas';
import { recordNotFound } from '../../kit/errors';
import { BO_TAG as TAG, BO_TAG_DOC, engagementComponents } from '../../domains/engagement/openapi';

const level = z.enum(['HIGH', 'MEDIUM', 'LOW']);
/** POST /backoffice/v2/queues: `{name, stages[{name, is_closing?}], categories?[{name, description?}], default_priority?{urgency, impact}}`. */
export const queueBody = z.strictObject({
  name: z.string().min(1).max(100),
  stages: z
    .array(z.strictObject({ name: z.string().min(1).max(100), is_closing: z.boolean().optional() }))
    .min(2)
    .max(20)
    .describe('In order; at least one open and one closing stage.'),
  categories: z
    .array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(500).optional() }))
    .max(50)
    .optional(),
  default_priority: z.strictObject({ urgency: level.optional(), impact: level.optional() }).optional(),
});

export const queueOut = (q: GqlQueue) => ({
  id: q.id,
  name: q.name,
  stages: q.stages.map((s) => ({ ...stageOut(s), is_closing: s.isClosing })),
  categories: q.categories.map(categoryOut),
  default_priority: defaultPriorityOut(q),
  created_date: epochSeconds(q.createdAt),
});

/** POST /backoffice/v2/queues → 201 `{id}`. */
const createQueue: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(queueBody, await ctx.readBody());
  const input = {
    name: body.name,
    stages: body.stages.map((s) => ({ name: s.name, isClosing: s.is_closing ?? false })),
    categories: (body.categories ?? []).map((c) => ({ name: c.name, description: c.description ?? null })),
    defaultUrgency: body.default_priority?.urgency ?? null,
    defaultImpact: body.default_priority?.impact ?? null,
  };
  const payload = await mutate(ctx, CREATE_QUEUE, { input, idempotencyKey: idempotencyKeyOf(ctx.req) }, 'createQueue');
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/queues → `{content:[…]}` by name. */
const listQueues: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['search_value']);
  const data = await ctx.gateway.run(LIST_QUEUES, { search: params.get('search_value') ?? null }, 'list');
  sendJson(ctx.res, 200, { content: ((data['queues'] as GqlQueue[] | null) ?? []).map(queueOut) });
};

/** GET /backoffice/v2/queues/{id}. */
const getQueue: Handler = async (ctx) => {
  noQuery(ctx);
  const id = guidParam(ctx, 'id', (raw) => recordNotFound(QUEUE, raw));
  const data = await ctx.gateway.run(GET_QUEUE, { id }, 'list');
  const queue = data['queue'] as GqlQueue | null | undefined;
  if (!queue) throw recordNotFound(QUEUE, id);
  sendJson(ctx.res, 200, queueOut(queue));
};

/** Service request queues: create, list, read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'queues',
  pathParameters: { id: 'DirectoryId' },
  openapi: mergeFragments(engagementComponents, {
    tags: [BO_TAG_DOC],
    parameters: { QueueSearch: query('search_value', { type: 'string', maxLength: 100 }, 'Part of the queue name, case-insensitive.') },
    requestSchemas: [{ name: 'QueueRequest', schema: queueBody }],
    responseSchemas: [
      { name: 'Queue', schema: queueResponse },
      { name: 'QueueList', schema: queueListResponse },
    ],
  }),
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/queues',
      handler: createQueue,
      operations: [CREATE_QUEUE],
      doc: {
        operationId: 'createQueueBO',
        summary: 'Create a queue',
        description: 'Needs engagement.manage. Stages in order, at least one open and one closing; a taken name (case-insensitive): 409.',
        tag: TAG,
        audience: 'backoffice',
        body: 'QueueRequest',
        idempotencyKey: true,
        writes: true,
        conflict: 'QueueNameTaken',
        success: { status: 201, description: 'Created; the id of the queue.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/queues',
      handler: listQueues,
      operations: [LIST_QUEUES],
      doc: {
        operationId: 'listQueuesBO',
        summary: 'List queues',
        description: 'Needs engagement.read. By name.',
        tag: TAG,
        audience: 'backoffice',
        query: ['QueueSearch'],
        reads: true,
        success: { status: 200, description: 'The queues.', schema: 'QueueList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/queues/:id',
      handler: getQueue,
      operations: [GET_QUEUE],
      doc: {
        operationId: 'getQueueBO',
        summary: 'Get a queue',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The queue with its stages and categories.', schema: 'Queue' },
      },
    },
  ],
});
