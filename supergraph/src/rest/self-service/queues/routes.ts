import { sendJson, type Handler } from '../../kit/context';
import { query } from '../../kit/openapi';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { categoryOut, defaultPriorityOut } from '../../domains/engagement/handlers';
import { LIST_QUEUES, type GqlQueue } from '../../domains/engagement/operations';
import { selfServiceQueueListResponse } from '../../domains/engagement/schemas';
import { SS_TAG, SS_TAG_DOC } from '../../domains/engagement/openapi';

/**
 * GET /self-service/v2/queues (QueueSelfServiceResource_list) → `{content:[…]}`: the queues a
 * contact can raise requests in, by name. `name` matches the whole name (case-insensitive),
 * `search_value` a part of it.
 */
const listQueues: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['name', 'search_value']);
  const name = params.get('name')?.trim().toLowerCase();
  const data = await ctx.gateway.run(LIST_QUEUES, { search: params.get('search_value') ?? name ?? null }, 'list');
  const queues = ((data['queues'] as GqlQueue[] | null) ?? []).filter((q) => name === undefined || q.name.toLowerCase() === name);
  sendJson(ctx.res, 200, {
    content: queues.map((q) => ({ id: q.id, name: q.name, categories: q.categories.map(categoryOut), default_priority: defaultPriorityOut(q) })),
  });
};

/** The service request queues, for contacts. */
export const resource = defineResource({
  family: 'self-service',
  name: 'queues',
  openapi: {
    tags: [SS_TAG_DOC],
    parameters: {
      QueueName: query('name', { type: 'string', maxLength: 100 }, 'The whole queue name, case-insensitive.'),
      QueueSearchSS: query('search_value', { type: 'string', maxLength: 100 }, 'Part of the queue name, case-insensitive.'),
    },
    responseSchemas: [{ name: 'QueueListSS', schema: selfServiceQueueListResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/queues',
      handler: listQueues,
      operations: [LIST_QUEUES],
      doc: {
        operationId: 'listQueuesSS',
        summary: 'List the service request queues',
        tag: SS_TAG,
        audience: 'selfservice',
        query: ['QueueName', 'QueueSearchSS'],
        reads: true,
        success: { status: 200, description: 'The queues.', schema: 'QueueListSS' },
      },
    },
  ],
});
