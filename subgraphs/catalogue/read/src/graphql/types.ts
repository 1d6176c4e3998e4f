import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  BillingModel,
  ComponentItemType,
  DayOfWeek,
  InstanceModel,
  PeriodUnit,
  PriceModel,
  ProductAvailability,
  ProductClassification,
  ProductComposition,
  ProductGroupKind,
  RecommendationCategoryType,
  RecommendationKind,
  SupplyMethod,
  TaxModel,
} from '@crm/catalogue-model';

@ObjectType()
export class Period {
  @Field(() => Int) duration: number;
  @Field(() => PeriodUnit) uot: string;
}

@ObjectType({ description: 'The terms of a recurring price.' })
export class PriceTerms {
  @Field(() => Period) billingPeriod: Period;
  @Field(() => Period, { nullable: true }) trialPeriod: Period | null;
  @Field(() => Period, { nullable: true }) contractPeriod: Period | null;
  @Field(() => Boolean) autoRenewed: boolean;
  @Field(() => BillingModel) billingModel: string;
}

@ObjectType({ description: 'Quantities lower..upper (upper null = no limit) at price.' })
export class PriceTier {
  @Field(() => Int) lower: number;
  @Field(() => Int, { nullable: true }) upper: number | null;
  @Field(() => String, { description: 'Exact decimal amount.' }) price: string;
}

@ObjectType({ description: 'A price of a product; its id is the `price_terms_id` clients order and subscribe with.' })
export class Price {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Exact decimal amount, e.g. "9.99".' }) price: string;
  @Field(() => String) currencyCode: string;
  @Field(() => TaxModel) taxModel: string;
  @Field(() => PriceModel) priceModel: string;
  @Field(() => [PriceTier]) tiers: PriceTier[];
  @Field(() => PriceTerms, { nullable: true }) priceTerms: PriceTerms | null;
  @Field(() => SupplyMethod, { nullable: true }) supplyMethod: string | null;
  @Field(() => Boolean) isDefault: boolean;
}

@ObjectType({ description: 'A component of a bundle.' })
export class ProductComponent {
  @Field(() => ID) id: string;
  @Field(() => ComponentItemType) itemType: string;
  @Field(() => ID) itemId: string;
  @Field(() => Boolean) mandatory: boolean;
  @Field(() => Int) minimumQuantity: number;
  @Field(() => Int, { nullable: true }) maximumQuantity: number | null;
  @Field(() => Boolean) priceInclusive: boolean;
}

@ObjectType()
export class Characteristic {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@ObjectType({ description: 'A product of the catalogue.' })
export class Product {
  @Field(() => ID) id: string;
  @Field(() => String) sku: string;
  @Field(() => String) name: string;
  @Field(() => ProductClassification) classification: string;
  @Field(() => ProductComposition) composition: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ID, { nullable: true }) typeId: string | null;
  @Field(() => ID, { nullable: true }) brandId: string | null;
  @Field(() => ID, { nullable: true }) familyId: string | null;
  @Field(() => [ID]) categoryIds: string[];
  @Field(() => ProductAvailability) availability: string;
  @Field(() => InstanceModel) instanceModel: string;
  @Field(() => Boolean) isStockable: boolean;
  @Field(() => Boolean) isProvisionable: boolean;
  @Field(() => Boolean) isModifier: boolean;
  @Field(() => Boolean) negativeBalanceAllowed: boolean;
  @Field(() => ID, { nullable: true, description: 'The COMPOSITE product this one is a variant of.' }) variantOf: string | null;
  @Field(() => [Characteristic]) characteristics: Characteristic[];
  @Field(() => [Price]) prices: Price[];
  @Field(() => [ProductComponent]) components: ProductComponent[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class ProductPage {
  @Field(() => [Product]) items: Product[];
  @Field(() => Boolean) hasMore: boolean;
  @Field(() => Int, { nullable: true }) total: number | null;
}

@ObjectType({ description: 'A product type, brand, family or category.' })
export class ProductGroup {
  @Field(() => ID) id: string;
  @Field(() => ProductGroupKind) kind: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => ProductClassification, { nullable: true }) classification: string | null;
  @Field(() => ProductComposition, { nullable: true }) composition: string | null;
  @Field(() => Int, { description: 'Live categories whose parent this is.' }) childCount: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class ProductGroupPage {
  @Field(() => [ProductGroup]) items: ProductGroup[];
  @Field(() => Boolean) hasMore: boolean;
  @Field(() => Int, { nullable: true }) total: number | null;
}

@ObjectType()
export class TimeSlot {
  @Field(() => DayOfWeek) dayOfWeek: string;
  @Field(() => String, { nullable: true }) startTime: string | null;
  @Field(() => String, { nullable: true }) endTime: string | null;
}

@ObjectType({ description: 'An order catalogue: products, or product categories, offered with supply methods at given times.' })
export class OrderCatalogue {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [SupplyMethod]) supplyMethods: string[];
  @Field(() => [ID]) productIds: string[];
  @Field(() => [ID]) categoryIds: string[];
  @Field(() => [TimeSlot]) timeAvailability: TimeSlot[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class OrderCataloguePage {
  @Field(() => [OrderCatalogue]) items: OrderCatalogue[];
  @Field(() => Boolean) hasMore: boolean;
  @Field(() => Int, { nullable: true }) total: number | null;
}

@ObjectType({ description: 'A category of an order catalogue with the catalogue products in it.' })
export class OrderCatalogueCategory {
  @Field(() => ProductGroup) category: ProductGroup;
  @Field(() => [Product]) products: Product[];
}

@ObjectType({ description: 'A price with the product it belongs to (looked up by price id, the `price_terms_id`).' })
export class ProductPrice {
  @Field(() => Price) price: Price;
  @Field(() => Product) product: Product;
  @Field(() => String, { nullable: true, description: 'What `quantity` units cost under the price model (exact); null when no tier covers it.' })
  amount: string | null;
}

@ObjectType({ description: 'A recommendation rule: the products it recommends (in order) and the source products that trigger it.' })
export class RecommendationRule {
  @Field(() => ID) id: string;
  @Field(() => RecommendationKind) kind: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => RecommendationCategoryType, { nullable: true }) categoryType: string | null;
  @Field(() => [ID]) sourceProductIds: string[];
  @Field(() => [ID]) productIds: string[];
  @Field(() => String, { nullable: true, description: 'ISO instant after which the rule recommends nothing.' }) validUntil: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class RecommendationRulePage {
  @Field(() => [RecommendationRule]) items: RecommendationRule[];
  @Field(() => Boolean) hasMore: boolean;
  @Field(() => Int, { nullable: true }) total: number | null;
}
