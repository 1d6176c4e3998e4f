import type { NotFoundSubject } from '@crm/platform/errors';
import { RECOMMENDATION_CATEGORY_TYPES, RECOMMENDATION_KINDS } from '@crm/event-bus/contracts/catalogue';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { query } from '../../kit/openapi';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import type { GqlPage, GqlPayload } from '../../domains/catalogue/operations';
import { pageOf } from '../../domains/catalogue/mapper';
import { catalogueQueryParameters, docOf, listArgs, oneOf } from '../../domains/catalogue/query';
import {
  CREATE_RULE,
  createRuleBody,
  DELETE_RULE,
  GET_RULE,
  LIST_RULES,
  ruleInputOf,
  ruleListResponse,
  ruleResponse,
  toRule,
  UPDATE_RULE,
  updateRuleBody,
  type GqlRule,
} from '../../domains/catalogue/recommendations';

const TAG = 'Recommendation rules';
const BO = '/backoffice/v2/recommendation_rules';
const SUBJECT = 'recommendation rule' as NotFoundSubject;

/** GraphQL fields → the body's field names in errors. */
const fieldNames = (f: string) => snakeCaseFields(f.replace(/^input\.sourceProductIds/, 'source_products').replace(/^input\.productIds/, 'products'));

function ruleId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return canonicalPathId(raw);
}

/** POST /backoffice/v2/recommendation_rules `{kind, name, products[], source_products?, category_type?, valid_until?}` → 201 `{id}`. */
const createRule: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(createRuleBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlPayload>(
    CREATE_RULE,
    { kind: body.kind, input: ruleInputOf(body), idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createRecommendationRule',
    fieldNames,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

const listRules: Handler = async (ctx) => {
  const args = listArgs(ctx, ['kind', 'category_type', 'source_product_id']);
  const p = args.params;
  const source = p.get('source_product_id');
  const filter = {
    kind: oneOf('kind', p.get('kind'), RECOMMENDATION_KINDS),
    categoryType: oneOf('category_type', p.get('category_type'), RECOMMENDATION_CATEGORY_TYPES),
    sourceProductIds: source ? [source] : undefined,
  };
  const data = await ctx.gateway.run(LIST_RULES, { filter, page: args.page }, snakeCaseFields);
  sendJson(ctx.res, 200, pageOf(data['recommendationRules'] as GqlPage<GqlRule>, args.paging, toRule));
};

const getRule: Handler = async (ctx) => {
  noQuery(ctx);
  const id = ruleId(ctx);
  const data = await ctx.gateway.run(GET_RULE, { id }, snakeCaseFields);
  const found = data['recommendationRule'] as GqlRule | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, toRule(found));
};

/** PUT /backoffice/v2/recommendation_rules/{id} → 200 `{id}`. */
const updateRule: Handler = async (ctx) => {
  noQuery(ctx);
  const id = ruleId(ctx);
  const body = validateBody(updateRuleBody, await ctx.readBody());
  await ctx.gateway.mutate<GqlPayload>(UPDATE_RULE, { id, input: ruleInputOf(body) }, 'updateRecommendationRule', fieldNames);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/recommendation_rules/{id} → 204. */
const deleteRule: Handler = async (ctx) => {
  noQuery(ctx);
  const id = ruleId(ctx);
  await ctx.gateway.mutate<GqlPayload>(DELETE_RULE, { id }, 'deleteRecommendationRule', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

const doc = docOf(TAG);

/** Recommendation rules (the catalogue domain): what GET /products|services|orders/recommendation answer. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'recommendation-rules',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'What the Self-Service recommendations answer: PRODUCTS lists (with a category type), UPSELL and CROSS_SELL products offered with an order holding a source product, SERVICES offered to subscribers of a source product (or to anyone).',
      },
    ],
    parameters: {
      ...catalogueQueryParameters,
      RecommendationKindFilter: query('kind', { type: 'string', enum: [...RECOMMENDATION_KINDS] }, 'Only rules of this kind.'),
      RecommendationCategoryTypeFilter: query(
        'category_type',
        { type: 'string', enum: [...RECOMMENDATION_CATEGORY_TYPES] },
        'Only PRODUCTS rules of this category type.',
      ),
      RecommendationSourceFilter: query('source_product_id', { type: 'string' }, 'Only rules this product triggers.'),
    },
    requestSchemas: [
      { name: 'RecommendationRuleRequest', schema: createRuleBody },
      { name: 'RecommendationRuleUpdateRequest', schema: updateRuleBody },
    ],
    responseSchemas: [
      { name: 'RecommendationRule', schema: ruleResponse },
      { name: 'RecommendationRuleList', schema: ruleListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: BO,
      handler: createRule,
      operations: [CREATE_RULE],
      doc: {
        ...doc(
          'createRecommendationRuleBO',
          'Create a recommendation rule',
          'Needs catalogue.write. PRODUCTS needs category_type and no source_products; UPSELL and CROSS_SELL need source_products; every product must be one of the business; a product is not recommended on itself.',
        ),
        body: 'RecommendationRuleRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the rule.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: BO,
      handler: listRules,
      operations: [LIST_RULES],
      doc: {
        ...doc('listRecommendationRulesBO', 'List recommendation rules', 'Needs catalogue.read. Deleted rules are not listed; expired ones are.'),
        query: [
          'Page',
          'Size',
          'IncludeTotal',
          'CatalogueOrder',
          'CatalogueSort',
          'RecommendationKindFilter',
          'RecommendationCategoryTypeFilter',
          'RecommendationSourceFilter',
        ],
        reads: true,
        success: { status: 200, description: 'A page of rules.', schema: 'RecommendationRuleList' },
      },
    },
    {
      method: 'GET',
      path: `${BO}/:id`,
      handler: getRule,
      operations: [GET_RULE],
      doc: {
        ...doc('getRecommendationRuleBO', 'Get a recommendation rule', 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The rule.', schema: 'RecommendationRule' },
      },
    },
    {
      method: 'PUT',
      path: `${BO}/:id`,
      handler: updateRule,
      operations: [UPDATE_RULE],
      doc: {
        ...doc(
          'updateRecommendationRuleBO',
          'Update a recommendation rule',
          'Needs catalogue.write. Absent fields are unchanged; the kind stays; the result is checked as on create.',
        ),
        body: 'RecommendationRuleUpdateRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the rule.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${BO}/:id`,
      handler: deleteRule,
      operations: [DELETE_RULE],
      doc: {
        ...doc(
          'deleteRecommendationRuleBO',
          'Delete a recommendation rule',
          'Needs catalogue.write. It recommends nothing any more; a second delete is a 404.',
        ),
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
  ],
});
