import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import {
  type AggregateDefinition,
  type AggregateState,
  type Change,
  CommandHandler,
  type CommandResult,
  type RequestContext,
} from '@crm/event-bus/kit';
import {
  ORDER_CATALOGUE_AGGREGATE,
  PRODUCT_AGGREGATE,
  PRODUCT_GROUP_AGGREGATE,
  RECOMMENDATION_RULE_AGGREGATE,
  type Component,
  type GroupDetails,
  type GroupKind,
  type OrderCatalogueDetails,
  type Price,
  type ProductDefinition,
  type ProductDetails,
  type RecommendationKind,
  type RecommendationRuleDetails,
} from '@crm/event-bus/contracts/catalogue';
import {
  evolveOrderCatalogue,
  evolveProduct,
  evolveProductGroup,
  evolveRecommendationRule,
  type OrderCatalogueChange,
  type OrderCatalogueState,
  type ProductChange,
  type ProductGroupChange,
  type ProductGroupState,
  type ProductState,
  type RecommendationRuleChange,
  type RecommendationRuleState,
} from '@crm/catalogue-model';
import { aggregateStore, loadReferences } from '../persistence/aggregate-store';
import { createProduct } from '../domain/create-product';
import { updateProduct } from '../domain/update-product';
import { addPrice } from '../domain/add-price';
import { addComponent } from '../domain/add-component';
import { createProductGroup } from '../domain/create-product-group';
import { updateProductGroup } from '../domain/update-product-group';
import { deleteProductGroup } from '../domain/delete-product-group';
import { createOrderCatalogue } from '../domain/create-order-catalogue';
import { updateOrderCatalogue } from '../domain/update-order-catalogue';
import { withinContract } from '../domain/within-contract';
import { createRecommendationRule, deleteRecommendationRule, updateRecommendationRule } from '../domain/recommendation-rule';

const versionConflict = (what: string) => () =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });

function definition<S extends AggregateState, C extends Change>(
  type: string,
  evolve: AggregateDefinition<S, C>['evolve'],
  what: string,
): AggregateDefinition<S, C> {
  return { type, evolve, store: aggregateStore<S>(type), versionConflict: versionConflict(what) };
}

export const productAggregate = definition<ProductState, ProductChange>(PRODUCT_AGGREGATE, evolveProduct, 'product');
export const productGroupAggregate = definition<ProductGroupState, ProductGroupChange>(PRODUCT_GROUP_AGGREGATE, evolveProductGroup, 'product group');
export const orderCatalogueAggregate = definition<OrderCatalogueState, OrderCatalogueChange>(
  ORDER_CATALOGUE_AGGREGATE,
  evolveOrderCatalogue,
  'order catalogue',
);

export const recommendationRuleAggregate = definition<RecommendationRuleState, RecommendationRuleChange>(
  RECOMMENDATION_RULE_AGGREGATE,
  evolveRecommendationRule,
  'recommendation rule',
);

const present = (...ids: (string | null | undefined)[]) => ids.filter((i): i is string => typeof i === 'string');

/**
 * The catalogue's commands on the kit's command handler (load → decide → save state + outbox in
 * one statement). References (groups, products) are resolved first and handed to the pure deciders.
 */
export class CatalogueCommands {
  private readonly products: CommandHandler<ProductState, ProductChange>;
  private readonly groups: CommandHandler<ProductGroupState, ProductGroupChange>;
  private readonly catalogues: CommandHandler<OrderCatalogueState, OrderCatalogueChange>;
  private readonly rules: CommandHandler<RecommendationRuleState, RecommendationRuleChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
  ) {
    this.products = new CommandHandler(dataSource, registry, productAggregate, onCommitted);
    this.groups = new CommandHandler(dataSource, registry, productGroupAggregate, onCommitted);
    this.catalogues = new CommandHandler(dataSource, registry, orderCatalogueAggregate, onCommitted);
    this.rules = new CommandHandler(dataSource, registry, recommendationRuleAggregate, onCommitted);
  }

  private refs(ctx: RequestContext, ids: string[]) {
    return loadReferences(this.dataSource.manager, ctx.tenantId, ids);
  }

  private idem(scope: string, key: string | null, request: unknown) {
    return key ? { scope: `catalogue.${scope}`, key, request } : null;
  }

  async createProduct(ctx: RequestContext, d: ProductDefinition, idempotencyKey: string | null): Promise<CommandResult<ProductState>> {
    const references = await this.refs(ctx, present(d.typeId, d.brandId, d.familyId, d.variantOf, ...d.categoryIds));
    return this.products.run(
      ctx,
      { create: true, id: null },
      (s) => withinContract(createProduct(s, { definition: d, references })),
      this.idem('create_product', idempotencyKey, d),
    );
  }

  async updateProduct(ctx: RequestContext, id: string, patch: Partial<ProductDetails>): Promise<CommandResult<ProductState>> {
    const references = await this.refs(ctx, present(patch.typeId, patch.brandId, patch.familyId, ...(patch.categoryIds ?? [])));
    return this.products.run(ctx, { create: false, ref: id }, (s) =>
      withinContract(updateProduct(notMissing(s, 'product', id), { patch, references })),
    );
  }

  /** Adds a price; its id (generated here) is in the result's state. */
  addPrice(ctx: RequestContext, productId: string, price: Omit<Price, 'id'>, idempotencyKey: string | null): Promise<CommandResult<ProductState>> {
    const withId = { ...price, id: newId() };
    return this.products.run(
      ctx,
      { create: false, ref: productId },
      (s) => withinContract(addPrice(notMissing(s, 'product', productId), { price: withId })),
      this.idem(`add_price:${productId}`, idempotencyKey, price),
    );
  }

  async addComponent(ctx: RequestContext, productId: string, component: Omit<Component, 'id'>): Promise<CommandResult<ProductState>> {
    const references = await this.refs(ctx, [component.itemId]);
    const withId = { ...component, id: newId() };
    return this.products.run(ctx, { create: false, ref: productId }, (s) =>
      withinContract(addComponent(notMissing(s, 'product', productId), { component: withId, references })),
    );
  }

  async createGroup(
    ctx: RequestContext,
    kind: GroupKind,
    details: GroupDetails,
    idempotencyKey: string | null,
  ): Promise<CommandResult<ProductGroupState>> {
    const references = await this.refs(ctx, present(details.parentId));
    return this.groups.run(
      ctx,
      { create: true, id: null },
      (s) => withinContract(createProductGroup(s, { kind, details, references })),
      this.idem(`create_${kind.toLowerCase()}`, idempotencyKey, details),
    );
  }

  async updateGroup(ctx: RequestContext, kind: GroupKind, id: string, patch: Partial<GroupDetails>): Promise<CommandResult<ProductGroupState>> {
    const references = await this.refs(ctx, present(patch.parentId));
    return this.groups.run(ctx, { create: false, ref: id }, (s) => withinContract(updateProductGroup(s, { kind, patch, references })));
  }

  deleteGroup(ctx: RequestContext, kind: GroupKind, id: string): Promise<CommandResult<ProductGroupState>> {
    return this.groups.run(ctx, { create: false, ref: id }, (s) => withinContract(deleteProductGroup(s, { kind })));
  }

  async createOrderCatalogue(
    ctx: RequestContext,
    details: OrderCatalogueDetails,
    idempotencyKey: string | null,
  ): Promise<CommandResult<OrderCatalogueState>> {
    const references = await this.refs(ctx, [...details.productIds, ...details.categoryIds]);
    return this.catalogues.run(
      ctx,
      { create: true, id: null },
      (s) => withinContract(createOrderCatalogue(s, { details, references })),
      this.idem('create_order_catalogue', idempotencyKey, details),
    );
  }

  async updateOrderCatalogue(ctx: RequestContext, id: string, patch: Partial<OrderCatalogueDetails>): Promise<CommandResult<OrderCatalogueState>> {
    const references = await this.refs(ctx, [...(patch.productIds ?? []), ...(patch.categoryIds ?? [])]);
    return this.catalogues.run(ctx, { create: false, ref: id }, (s) =>
      withinContract(updateOrderCatalogue(notMissing(s, 'order catalogue', id), { patch, references })),
    );
  }

  async createRecommendationRule(
    ctx: RequestContext,
    kind: RecommendationKind,
    details: RecommendationRuleDetails,
    idempotencyKey: string | null,
  ): Promise<CommandResult<RecommendationRuleState>> {
    const references = await this.refs(ctx, [...details.productIds, ...details.sourceProductIds]);
    return this.rules.run(
      ctx,
      { create: true, id: null },
      (s) => withinContract(createRecommendationRule(s, { kind, details, references })),
      this.idem('create_recommendation_rule', idempotencyKey, { kind, details }),
    );
  }

  async updateRecommendationRule(
    ctx: RequestContext,
    id: string,
    patch: Partial<RecommendationRuleDetails>,
  ): Promise<CommandResult<RecommendationRuleState>> {
    const references = await this.refs(ctx, [...(patch.productIds ?? []), ...(patch.sourceProductIds ?? [])]);
    return this.rules.run(ctx, { create: false, ref: id }, (s) => withinContract(updateRecommendationRule(s, { id, patch, references })));
  }

  deleteRecommendationRule(ctx: RequestContext, id: string): Promise<CommandResult<RecommendationRuleState>> {
    return this.rules.run(ctx, { create: false, ref: id }, (s) => withinContract(deleteRecommendationRule(s, { id })));
  }
}

function notMissing<S>(state: S | null, what: 'product' | 'order catalogue', id: string): S {
  if (!state) throw AppError.notFound(what, id);
  return state;
}
