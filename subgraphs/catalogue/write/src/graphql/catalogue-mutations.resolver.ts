import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { asPayload, Authorized, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import type { CommandResult, RequestContext } from '@crm/event-bus/kit';
import type {
  GroupDetails,
  GroupKind,
  OrderCatalogueDetails,
  Period,
  ProductDetails,
  RecommendationKind as RecommendationKindT,
  RecommendationRuleDetails,
} from '@crm/event-bus/contracts/catalogue';
import { ProductGroupKind, RecommendationKind } from '@crm/catalogue-model';
import type { CatalogueCommands } from '../application/catalogue-commands';
import {
  AddComponentInput,
  AddPriceInput,
  CreateProductInput,
  OrderCatalogueInput,
  PeriodInput,
  ProductGroupInput,
  RecommendationRuleInput,
  UpdateProductInput,
} from './inputs';
import { CataloguePayload } from './payloads';

/** An id as stored (canonical when it is a UUID; anything else stays and fails the reference check). */
const ref = (id: string): string => canonicalId(id) ?? id;
const optRef = (id: string | null | undefined) => (id === undefined ? undefined : id === null ? null : ref(id));
const period = (p: PeriodInput | null | undefined): Period | null => (p ? { duration: p.duration, uot: p.uot } : null);
/** undefined for an absent (or null) field of a partial update. */
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
const required = <T>(field: string, v: T | null | undefined): T => {
  if (v === null || v === undefined) throw AppError.validation(field, 'is required', 'REQUIRED');
  return v;
};

function productPatch(input: UpdateProductInput): Partial<ProductDetails> {
  return {
    name: opt(input.name),
    description: input.description,
    typeId: optRef(input.typeId),
    brandId: optRef(input.brandId),
    familyId: optRef(input.familyId),
    categoryIds: opt(input.categoryIds)?.map(ref),
    availability: opt(input.availability),
    instanceModel: opt(input.instanceModel),
    isStockable: opt(input.isStockable),
    isProvisionable: opt(input.isProvisionable),
    isModifier: opt(input.isModifier),
    negativeBalanceAllowed: opt(input.negativeBalanceAllowed),
  };
}

function groupDetails(input: ProductGroupInput): Partial<GroupDetails> {
  return {
    name: opt(input.name),
    description: input.description,
    code: input.code,
    parentId: optRef(input.parentId),
    classification: input.classification,
    composition: input.composition,
  };
}

function cataloguePatch(input: OrderCatalogueInput): Partial<OrderCatalogueDetails> {
  return {
    name: opt(input.name),
    description: input.description,
    supplyMethods: opt(input.supplyMethods),
    productIds: opt(input.productIds)?.map(ref),
    categoryIds: opt(input.categoryIds)?.map(ref),
    timeAvailability: opt(input.timeAvailability)?.map((s) => ({
      dayOfWeek: s.dayOfWeek,
      startTime: s.startTime ?? null,
      endTime: s.endTime ?? null,
    })),
  };
}

function rulePatch(input: RecommendationRuleInput): Partial<RecommendationRuleDetails> {
  return {
    name: opt(input.name),
    description: input.description,
    categoryType: input.categoryType,
    sourceProductIds: opt(input.sourceProductIds)?.map(ref),
    productIds: opt(input.productIds)?.map(ref),
    validUntil: input.validUntil === undefined ? undefined : input.validUntil === null ? null : input.validUntil.toISOString(),
  };
}

@Resolver()
export class CatalogueMutationsResolver {
  constructor(private readonly commands: CatalogueCommands) {}

  private run<S extends { id: string }>(
    ctx: SubgraphContext,
    command: (request: RequestContext) => Promise<CommandResult<S>>,
    idOf: (state: S) => string = (s) => s.id,
  ): Promise<CataloguePayload> {
    return asPayload<CataloguePayload>(
      async () => {
        const { principal, correlationId } = ctx;
        const request = { tenantId: principal.tenantId, correlationId, actor: { kind: principal.kind, id: principal.subjectId } };
        const result = await command(request);
        return { id: idOf(result.state), consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Creates a product. Repeating a call with the same idempotencyKey returns the first result.' })
  createProduct(
    @Arg('input', () => CreateProductInput) input: CreateProductInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) =>
      this.commands.createProduct(
        r,
        {
          sku: input.sku,
          name: input.name,
          classification: input.classification,
          composition: input.composition ?? 'FLAT',
          description: input.description ?? null,
          typeId: optRef(input.typeId) ?? null,
          brandId: optRef(input.brandId) ?? null,
          familyId: optRef(input.familyId) ?? null,
          categoryIds: (input.categoryIds ?? []).map(ref),
          availability: input.availability ?? 'ENABLED',
          instanceModel: input.instanceModel ?? 'QUANTITY_BASED',
          isStockable: input.isStockable ?? false,
          isProvisionable: input.isProvisionable ?? false,
          isModifier: input.isModifier ?? false,
          negativeBalanceAllowed: input.negativeBalanceAllowed ?? false,
          variantOf: optRef(input.variantOf) ?? null,
          characteristics: (input.characteristics ?? []).map((c) => ({ key: c.key.trim(), value: c.value.trim() })),
        },
        idempotencyKey,
      ),
    );
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: "Changes a product's details (absent fields unchanged)." })
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.updateProduct(r, id, productPatch(input)));
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Adds a price to a product; `id` is the new price id (the `price_terms_id` clients send).' })
  addProductPrice(
    @Arg('productId', () => ID) productId: string,
    @Arg('input', () => AddPriceInput) input: AddPriceInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    const terms = input.priceTerms;
    const price = {
      price: input.price.trim(),
      currencyCode: input.currencyCode.trim().toUpperCase(),
      taxModel: input.taxModel ?? 'TAX_INCLUSIVE',
      priceModel: input.priceModel ?? 'FLAT',
      tiers: (input.tiers ?? []).map((t) => ({ lower: t.lower, upper: t.upper ?? null, price: t.price.trim() })),
      priceTerms: terms
        ? {
            billingPeriod: period(terms.billingPeriod)!,
            trialPeriod: period(terms.trialPeriod),
            contractPeriod: period(terms.contractPeriod),
            autoRenewed: terms.autoRenewed ?? true,
            billingModel: terms.billingModel ?? 'PRE_BILL',
          }
        : null,
      supplyMethod: input.supplyMethod ?? null,
      isDefault: input.isDefault ?? false,
    };
    // the price added is the product's last one (an idempotent replay answers the same price)
    return this.run(
      ctx,
      (r) => this.commands.addPrice(r, productId, price, idempotencyKey),
      (s) => s.prices[s.prices.length - 1]!.id,
    );
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Adds a component to a bundle; `id` is the new component id.' })
  addProductComponent(
    @Arg('productId', () => ID) productId: string,
    @Arg('input', () => AddComponentInput) input: AddComponentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    const component = {
      itemType: input.itemType ?? 'PRODUCT',
      itemId: ref(input.itemId),
      mandatory: input.mandatory ?? false,
      minimumQuantity: input.minimumQuantity ?? (input.mandatory ? 1 : 0),
      maximumQuantity: input.maximumQuantity ?? null,
      priceInclusive: input.priceInclusive ?? false,
    };
    return this.run(
      ctx,
      (r) => this.commands.addComponent(r, productId, component),
      (s) => s.components[s.components.length - 1]!.id,
    );
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Creates a product type, brand, family or category.' })
  createProductGroup(
    @Arg('kind', () => ProductGroupKind) kind: GroupKind,
    @Arg('input', () => ProductGroupInput) input: ProductGroupInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => {
      const d = groupDetails(input);
      const details: GroupDetails = {
        name: required('name', d.name),
        description: d.description ?? null,
        code: d.code ?? null,
        parentId: d.parentId ?? null,
        classification: d.classification ?? null,
        composition: d.composition ?? null,
      };
      return this.commands.createGroup(r, kind, details, idempotencyKey);
    });
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Changes a product type, brand, family or category (absent fields unchanged).' })
  updateProductGroup(
    @Arg('kind', () => ProductGroupKind) kind: GroupKind,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ProductGroupInput) input: ProductGroupInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.updateGroup(r, kind, id, groupDetails(input)));
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Deletes a product type, brand, family or category (products keep the reference).' })
  deleteProductGroup(
    @Arg('kind', () => ProductGroupKind) kind: GroupKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.deleteGroup(r, kind, id));
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Creates an order catalogue.' })
  createOrderCatalogue(
    @Arg('input', () => OrderCatalogueInput) input: OrderCatalogueInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => {
      const d = cataloguePatch(input);
      const details: OrderCatalogueDetails = {
        name: required('name', d.name),
        description: d.description ?? null,
        supplyMethods: required('supply_methods', d.supplyMethods),
        productIds: d.productIds ?? [],
        categoryIds: d.categoryIds ?? [],
        timeAvailability: d.timeAvailability ?? [],
      };
      return this.commands.createOrderCatalogue(r, details, idempotencyKey);
    });
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Changes an order catalogue (absent fields unchanged).' })
  updateOrderCatalogue(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OrderCatalogueInput) input: OrderCatalogueInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.updateOrderCatalogue(r, id, cataloguePatch(input)));
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, {
    description: 'Creates a recommendation rule of a kind. Repeating a call with the same idempotencyKey returns the first result.',
  })
  createRecommendationRule(
    @Arg('kind', () => RecommendationKind) kind: RecommendationKindT,
    @Arg('input', () => RecommendationRuleInput) input: RecommendationRuleInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => {
      const d = rulePatch(input);
      const details: RecommendationRuleDetails = {
        name: required('name', d.name),
        description: d.description ?? null,
        categoryType: d.categoryType ?? null,
        sourceProductIds: d.sourceProductIds ?? [],
        productIds: required('products', d.productIds),
        validUntil: d.validUntil ?? null,
      };
      return this.commands.createRecommendationRule(r, kind, details, idempotencyKey);
    });
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Changes a recommendation rule (absent fields unchanged; its kind stays).' })
  updateRecommendationRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RecommendationRuleInput) input: RecommendationRuleInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.updateRecommendationRule(r, ref(id), rulePatch(input)));
  }

  @Authorized(['catalogue.write'])
  @Mutation(() => CataloguePayload, { description: 'Deletes a recommendation rule: it recommends nothing any more.' })
  deleteRecommendationRule(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CataloguePayload> {
    return this.run(ctx, (r) => this.commands.deleteRecommendationRule(r, ref(id)));
  }
}
