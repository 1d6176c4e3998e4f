import { Field, ID, InputType, Int } from 'type-graphql';
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
  RecommendationCategoryType,
  SupplyMethod,
  TaxModel,
} from '@crm/catalogue-model';
import type {
  Availability,
  BillingModel as BillingModelT,
  Classification,
  ComponentItemType as ComponentItemTypeT,
  Composition,
  DayOfWeek as DayOfWeekT,
  InstanceModel as InstanceModelT,
  PeriodUnit as PeriodUnitT,
  PriceModel as PriceModelT,
  RecommendationCategoryType as RecommendationCategoryTypeT,
  SupplyMethod as SupplyMethodT,
  TaxModel as TaxModelT,
} from '@crm/event-bus/contracts/catalogue';

@InputType()
export class CharacteristicInput {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@InputType({ description: 'What a product is; defaults: FLAT, ENABLED, QUANTITY_BASED, every flag false.' })
export class CreateProductInput {
  @Field(() => String, { description: 'Unique per business (case-insensitive), no spaces.' }) sku: string;
  @Field(() => String) name: string;
  @Field(() => ProductClassification) classification: Classification;
  @Field(() => ProductComposition, { nullable: true }) composition?: Composition | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) typeId?: string | null;
  @Field(() => ID, { nullable: true }) brandId?: string | null;
  @Field(() => ID, { nullable: true }) familyId?: string | null;
  @Field(() => [ID], { nullable: true }) categoryIds?: string[] | null;
  @Field(() => ProductAvailability, { nullable: true }) availability?: Availability | null;
  @Field(() => InstanceModel, { nullable: true }) instanceModel?: InstanceModelT | null;
  @Field(() => Boolean, { nullable: true }) isStockable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isProvisionable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isModifier?: boolean | null;
  @Field(() => Boolean, { nullable: true }) negativeBalanceAllowed?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'The COMPOSITE product this one is a variant of.' }) variantOf?: string | null;
  @Field(() => [CharacteristicInput], { nullable: true, description: 'What tells a variant apart (variants only).' })
  characteristics?: CharacteristicInput[] | null;
}

@InputType({ description: 'Absent fields are unchanged; null clears description, type, brand and family.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) typeId?: string | null;
  @Field(() => ID, { nullable: true }) brandId?: string | null;
  @Field(() => ID, { nullable: true }) familyId?: string | null;
  @Field(() => [ID], { nullable: true }) categoryIds?: string[] | null;
  @Field(() => ProductAvailability, { nullable: true }) availability?: Availability | null;
  @Field(() => InstanceModel, { nullable: true }) instanceModel?: InstanceModelT | null;
  @Field(() => Boolean, { nullable: true }) isStockable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isProvisionable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isModifier?: boolean | null;
  @Field(() => Boolean, { nullable: true }) negativeBalanceAllowed?: boolean | null;
}

@InputType()
export class PeriodInput {
  @Field(() => Int) duration: number;
  @Field(() => PeriodUnit) uot: PeriodUnitT;
}

@InputType({ description: 'Billing period (required), trial and contract periods, auto-renewal (default true), billing model (default PRE_BILL).' })
export class PriceTermsInput {
  @Field(() => PeriodInput) billingPeriod: PeriodInput;
  @Field(() => PeriodInput, { nullable: true }) trialPeriod?: PeriodInput | null;
  @Field(() => PeriodInput, { nullable: true }) contractPeriod?: PeriodInput | null;
  @Field(() => Boolean, { nullable: true }) autoRenewed?: boolean | null;
  @Field(() => BillingModel, { nullable: true }) billingModel?: BillingModelT | null;
}

@InputType({ description: 'Quantities lower..upper (upper null = no limit) at price (a decimal string).' })
export class TierInput {
  @Field(() => Int) lower: number;
  @Field(() => Int, { nullable: true }) upper?: number | null;
  @Field(() => String) price: string;
}

@InputType({ description: 'A price: exact decimal amount as a string; defaults TAX_INCLUSIVE, FLAT, not default (the first price is).' })
export class AddPriceInput {
  @Field(() => String, { description: 'Decimal string, e.g. "9.99" (at most 6 fraction digits).' }) price: string;
  @Field(() => String, { description: 'ISO 4217, e.g. EUR.' }) currencyCode: string;
  @Field(() => TaxModel, { nullable: true }) taxModel?: TaxModelT | null;
  @Field(() => PriceModel, { nullable: true }) priceModel?: PriceModelT | null;
  @Field(() => [TierInput], { nullable: true }) tiers?: TierInput[] | null;
  @Field(() => PriceTermsInput, { nullable: true }) priceTerms?: PriceTermsInput | null;
  @Field(() => SupplyMethod, { nullable: true }) supplyMethod?: SupplyMethodT | null;
  @Field(() => Boolean, { nullable: true }) isDefault?: boolean | null;
}

@InputType({ description: 'A component of a bundle; defaults PRODUCT, optional, minimum 0, no maximum, priced separately.' })
export class AddComponentInput {
  @Field(() => ComponentItemType, { nullable: true }) itemType?: ComponentItemTypeT | null;
  @Field(() => ID) itemId: string;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
  @Field(() => Int, { nullable: true }) minimumQuantity?: number | null;
  @Field(() => Int, { nullable: true }) maximumQuantity?: number | null;
  @Field(() => Boolean, { nullable: true }) priceInclusive?: boolean | null;
}

@InputType({ description: 'A product type, brand, family or category. parentId: categories only; classification/composition: types only.' })
export class ProductGroupInput {
  @Field(() => String, { nullable: true, description: 'Required on create.' }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => ProductClassification, { nullable: true }) classification?: Classification | null;
  @Field(() => ProductComposition, { nullable: true }) composition?: Composition | null;
}

@InputType()
export class TimeSlotInput {
  @Field(() => DayOfWeek) dayOfWeek: DayOfWeekT;
  @Field(() => String, { nullable: true, description: 'HH:MM, inclusive; null = start of day.' }) startTime?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM, exclusive; null = end of day.' }) endTime?: string | null;
}

@InputType({ description: 'An order catalogue lists products or categories (not both). On update absent fields are unchanged.' })
export class OrderCatalogueInput {
  @Field(() => String, { nullable: true, description: 'Required on create.' }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [SupplyMethod], { nullable: true, description: 'Required on create.' }) supplyMethods?: SupplyMethodT[] | null;
  @Field(() => [ID], { nullable: true }) productIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) categoryIds?: string[] | null;
  @Field(() => [TimeSlotInput], { nullable: true, description: 'Empty = always open.' }) timeAvailability?: TimeSlotInput[] | null;
}

@InputType({ description: 'A recommendation rule. On update absent fields are unchanged (null clears description, validUntil).' })
export class RecommendationRuleInput {
  @Field(() => String, { nullable: true, description: 'Required on create.' }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => RecommendationCategoryType, { nullable: true, description: 'PRODUCTS rules only (and required there).' })
  categoryType?: RecommendationCategoryTypeT | null;
  @Field(() => [ID], { nullable: true, description: 'The products that trigger the rule (none for PRODUCTS).' }) sourceProductIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'The products recommended, in order. Required on create.' }) productIds?: string[] | null;
  @Field(() => Date, { nullable: true, description: 'After this instant the rule recommends nothing (null = no end).' }) validUntil?: Date | null;
}
