import { z } from 'zod';
import { sendJson, type Handler } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { defineResource } from '../../kit/resource';
import {
  customFieldItem,
  customFieldOut,
  ENTITY_QUERY,
  entityQuery,
  LIST_CUSTOM_FIELDS,
  type GqlCustomField,
} from '../../domains/settings/custom-fields';

const TAG = 'Self-service platform settings';

const customFieldList = z.strictObject({ content: z.array(customFieldItem) });

/** GET /self-service/v2/custom_fields?entity= → `{content: [definition…]}` by key (what a form renders). */
const listCustomFields: Handler = async (ctx) => {
  const entity = entityQuery(ctx);
  const data = await ctx.gateway.run(LIST_CUSTOM_FIELDS, { entity }, snakeCaseFields);
  sendJson(ctx.res, 200, { content: ((data['customFields'] as GqlCustomField[] | null | undefined) ?? []).map(customFieldOut) });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'custom-fields',
  openapi: {
    tags: [{ name: TAG, description: 'What a self-service app reads at start-up: its configuration, custom field definitions and reference lists.' }],
    parameters: { CustomFieldEntity: ENTITY_QUERY },
    responseSchemas: [{ name: 'SelfServiceCustomFieldList', schema: customFieldList }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/custom_fields',
      handler: listCustomFields,
      operations: [LIST_CUSTOM_FIELDS],
      doc: {
        operationId: 'listCustomFieldsSS',
        summary: 'List the custom fields of an entity',
        description: 'The definitions a record of the entity may (or, when mandatory, must) carry, by key.',
        tag: TAG,
        audience: 'selfservice',
        query: ['CustomFieldEntity'],
        reads: true,
        success: { status: 200, description: 'The definitions.', schema: 'SelfServiceCustomFieldList' },
      },
    },
  ],
});
