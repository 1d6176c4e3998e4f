import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_WIDGET, GET_WIDGET, type GqlWidget } from './operations';
import { createWidgetBody, widgetResponse } from './schemas';

const TAG = 'Widgets';

/** Its 404 reason, WIDGET_NOT_FOUND, is catalogued by widgets-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = 'widget' as NotFoundSubject;

/** POST /backoffice/v2/widgets → 201 `{id}`. */
const createWidget: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createWidgetBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    CREATE_WIDGET,
    { input: { name: body.name }, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createWidget',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/widgets/{id} (the caller's own writes are visible at once). */
const getWidget: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_WIDGET, { id }, snakeCaseFields);
  const found = data['widget'] as GqlWidget | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, {
    id: found.id,
    name: found.name,
    created_date: epochSeconds(found.createdAt),
    updated_date: epochSeconds(found.updatedAt),
  });
};

/** Widgets: create and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'widgets',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Widgets of the business (the widgets domain).' }],
    requestSchemas: [{ name: 'WidgetRequest', schema: createWidgetBody }],
    responseSchemas: [{ name: 'Widget', schema: widgetResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/widgets',
      handler: createWidget,
      operations: [CREATE_WIDGET],
      doc: {
        operationId: 'createWidgetBO',
        summary: 'Create a widget',
        description: 'Needs widgets.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'WidgetRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the widget.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/widgets/:id',
      handler: getWidget,
      operations: [GET_WIDGET],
      doc: {
        operationId: 'getWidgetBO',
        summary: 'Get a widget',
        description: 'Needs widgets.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The widget.', schema: 'Widget' },
      },
    },
  ],
});
