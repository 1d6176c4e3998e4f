import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A pass plan: its name and terms (value options, validity, code format, PIN, the wallet pocket credited).' })
export class PassPlanInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { defaultValue: 'ACTIVE' }) state: string;
  @Field(() => String, { description: 'GIFT, TOPUP or PROMOTION.' }) classification: string;
  @Field(() => String, { defaultValue: 'EUR' }) currency: string;
  @Field(() => String, { nullable: true, description: 'FIXED or VARIABLE (default: FIXED when fixed values are given).' }) valueType?: string | null;
  @Field(() => [String], { defaultValue: [] }) fixedValues: string[];
  @Field(() => String, { nullable: true }) minimum?: string | null;
  @Field(() => String, { nullable: true }) maximum?: string | null;
  @Field(() => String, { defaultValue: 'ALWAYS', description: 'PERIOD, DATE or ALWAYS.' }) validityType: string;
  @Field(() => Int, { nullable: true }) validityPeriod?: number | null;
  @Field(() => String, { nullable: true, description: 'DAYS, MONTHS or YEARS.' }) validityUot?: string | null;
  @Field(() => Date, { nullable: true }) validityFixedDate?: Date | null;
  @Field(() => String, { defaultValue: 'ALPHANUMERIC' }) codeType: string;
  @Field(() => String, { defaultValue: '' }) codePrefix: string;
  @Field(() => String, { defaultValue: '' }) codeSuffix: string;
  @Field(() => Int, { defaultValue: 16 }) codeLength: number;
  @Field(() => Boolean, { defaultValue: false }) pinRequired: boolean;
  @Field(() => String, { defaultValue: 'OPEN', description: 'OPEN or COMMERCE (with commercePoolId).' }) creditPocket: string;
  @Field(() => String, { nullable: true }) commercePoolId?: string | null;
  @Field(() => String, { nullable: true }) promotionId?: string | null;
  @Field(() => String, { nullable: true }) rewardOfferId?: string | null;
}

@InputType()
export class PassRecipientInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) mediumType?: string | null;
  @Field(() => String, { nullable: true }) mediumValue?: string | null;
}

@InputType()
export class PassGiftSenderInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) message?: string | null;
}

@InputType({ description: 'Passes of a plan: one (with a recipient) or a printed batch of `count`.' })
export class IssuePassesInput {
  @Field(() => String) passPlanId: string;
  @Field(() => Int, { defaultValue: 1 }) count: number;
  @Field(() => String, { nullable: true, description: 'The value of each pass (default: the plan’s only fixed value).' }) passValue?: string | null;
  @Field(() => Boolean, { defaultValue: false }) printed: boolean;
  @Field(() => PassRecipientInput, { nullable: true }) recipient?: PassRecipientInput | null;
  @Field(() => PassGiftSenderInput, { nullable: true }) giftSender?: PassGiftSenderInput | null;
}

@InputType()
export class RedeemPassInput {
  @Field(() => String) code: string;
  @Field(() => String, { nullable: true }) pin?: string | null;
  @Field(() => String, { nullable: true, description: 'The contact credited (a contact redeems only for itself).' }) contactId?: string | null;
  @Field(() => String, { nullable: true }) organisationId?: string | null;
}

@InputType()
export class PromotionInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription?: string | null;
  @Field(() => String, { nullable: true }) longDescription?: string | null;
  @Field(() => String, { defaultValue: 'ACTIVE' }) state: string;
  @Field(() => String, { defaultValue: 'EUR' }) currency: string;
  @Field(() => Date, { nullable: true }) availableFrom?: Date | null;
  @Field(() => Date, { nullable: true }) availableTo?: Date | null;
  @Field(() => [String], { defaultValue: [] }) tags: string[];
  @Field(() => [String], { defaultValue: [] }) organisationIds: string[];
  @Field(() => String, { nullable: true }) rewardOfferId?: string | null;
}

@InputType({ description: 'A purchase a transaction processor submits without a contact (flow 13).' })
export class ProcessorPurchaseInput {
  @Field(() => String) transactionCode: string;
  @Field(() => String, { nullable: true }) organisationId?: string | null;
  @Field(() => String, { defaultValue: 'EUR' }) currency: string;
  @Field(() => String) total: string;
  @Field(() => String) net: string;
  @Field(() => String, { nullable: true }) tax?: string | null;
  @Field(() => String, { nullable: true }) discount?: string | null;
  @Field(() => String, { nullable: true }) classification?: string | null;
  @Field(() => Date, { nullable: true }) purchasedAt?: Date | null;
}

@InputType({ description: 'A contact reclaims a processor-submitted purchase with its receipt’s details.' })
export class ReclaimPurchaseInput {
  @Field(() => String) id: string;
  @Field(() => String, { nullable: true, description: 'A contact reclaims for itself.' }) contactId?: string | null;
  @Field(() => String, { nullable: true }) transactionCode?: string | null;
  @Field(() => String, { nullable: true }) total?: string | null;
  @Field(() => String, { nullable: true }) organisationId?: string | null;
}
