import { Field, InputType, Int } from 'type-graphql';

const AMOUNT = 'A decimal string in major units, e.g. "12.50".';

@InputType()
export class CreateRewardSchemeInput {
  @Field(() => String) name: string;
  @Field(() => String, { defaultValue: 'SELF_SIGN_UP', description: 'AUTO_SIGN_UP, SELF_SIGN_UP or CLOSE_LOOP_SIGN_UP.' }) signUpOption: string;
  @Field(() => [String], { defaultValue: [], description: 'Closed loop: the email domains that may sign up.' }) emailDomains: string[];
  @Field(() => String, { nullable: true }) termsAndConditions?: string | null;
  @Field(() => String, { defaultValue: 'ALL', description: 'How several matching offers combine: ALL, BEST or FIRST (by priority).' })
  resolution: string;
  @Field(() => String, { defaultValue: 'WRITE_OFF', description: 'A clawback the wallet cannot cover: WRITE_OFF or CLAIM.' }) clawBack: string;
  @Field(() => String, { defaultValue: 'ACTIVE' }) state: string;
}

@InputType()
export class RewardSignUpInput {
  @Field(() => String) contactId: string;
  @Field(() => String) rewardSchemeId: string;
  @Field(() => String, { description: 'SIGN_UP or SIGN_OUT.' }) action: string;
  @Field(() => String, { nullable: true }) emailAddress?: string | null;
}

@InputType()
export class TimeWindowInput {
  @Field(() => String, { description: 'HH:MM, local time of the offer’s time zone.' }) from: string;
  @Field(() => String, { description: 'HH:MM (exclusive); before `from` spans midnight.' }) to: string;
}

@InputType()
export class OfferConditionsInput {
  @Field(() => String, { nullable: true, description: `Minimum net amount. ${AMOUNT}` }) minAmount?: string | null;
  @Field(() => [String], { defaultValue: [] }) organisationIds: string[];
  @Field(() => [String], { defaultValue: [] }) classifications: string[];
  @Field(() => [String], { defaultValue: [] }) productSkus: string[];
  @Field(() => [String], { defaultValue: [] }) productCategories: string[];
  @Field(() => [String], { defaultValue: [], description: 'MONDAY … SUNDAY.' }) daysOfWeek: string[];
  @Field(() => [TimeWindowInput], { defaultValue: [] }) timeWindows: TimeWindowInput[];
  @Field(() => String, { defaultValue: 'UTC' }) timeZone: string;
  @Field(() => [String], { defaultValue: [] }) tiers: string[];
}

@InputType()
export class OfferAwardInput {
  @Field(() => String, { description: 'FIXED, PERCENT (of the net amount) or PER_PRODUCT (per unit).' }) method: string;
  @Field(() => String, { nullable: true, description: AMOUNT }) amount?: string | null;
  @Field(() => String, { nullable: true, description: 'PERCENT: e.g. "5" or "2.5".' }) percent?: string | null;
  @Field(() => [String], { defaultValue: [] }) productSkus: string[];
  @Field(() => [String], { defaultValue: [] }) productCategories: string[];
}

@InputType()
export class PerContactCapInput {
  @Field(() => String) amount: string;
  @Field(() => String, { description: 'DAY, WEEK, MONTH or YEAR.' }) period: string;
}

@InputType()
export class OfferCapsInput {
  @Field(() => String, { nullable: true }) perPurchase?: string | null;
  @Field(() => PerContactCapInput, { nullable: true }) perContact?: PerContactCapInput | null;
}

@InputType()
export class CreateRewardOfferInput {
  @Field(() => String) schemeId: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription?: string | null;
  @Field(() => String, { nullable: true }) termsAndConditions?: string | null;
  @Field(() => String, { defaultValue: 'DISCOUNT' }) type: string;
  @Field(() => String, { defaultValue: 'SPEND' }) goal: string;
  @Field(() => Int, { defaultValue: 100, description: 'Lower first (resolution FIRST; ties of BEST).' }) priority: number;
  @Field(() => String, { defaultValue: 'EUR' }) currency: string;
  @Field(() => OfferConditionsInput, { nullable: true }) conditions?: OfferConditionsInput | null;
  @Field(() => OfferAwardInput) award: OfferAwardInput;
  @Field(() => OfferCapsInput, { nullable: true }) caps?: OfferCapsInput | null;
  @Field(() => Int, { nullable: true, description: 'Awards expire this many days after the purchase (the ledger lot’s expiry).' }) validityDays?:
    | number
    | null;
  @Field(() => String, { nullable: true, description: 'Awards go to this commerce pool’s pocket (default: the open pocket).' }) commercePoolId?:
    | string
    | null;
}

@InputType()
export class PurchaseAmountsInput {
  @Field(() => String) total: string;
  @Field(() => String) net: string;
  @Field(() => String, { nullable: true }) tax?: string | null;
  @Field(() => String, { nullable: true }) discount?: string | null;
}

@InputType()
export class PurchaseProductInput {
  @Field(() => String) sku: string;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => Int, { defaultValue: 1 }) quantity: number;
  @Field(() => String) net: string;
}

@InputType()
export class SpendRequestInput {
  @Field(() => String) amount: string;
  @Field(() => Boolean, { defaultValue: false }) restrictFullyCovered: boolean;
}

@InputType()
export class SubmitPurchaseInput {
  @Field(() => String, { nullable: true }) contactId?: string | null;
  @Field(() => String, { nullable: true }) contactCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'A contact token’s 6-digit value (POST /contacts/{id}/tokens); a SPEND token brings its spend.',
  })
  contactOtp?: string | null;
  @Field(() => String, { nullable: true }) organisationId?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => PurchaseAmountsInput) amounts: PurchaseAmountsInput;
  @Field(() => String, { nullable: true }) classification?: string | null;
  @Field(() => [PurchaseProductInput], { defaultValue: [] }) products: PurchaseProductInput[];
  @Field(() => SpendRequestInput, { nullable: true }) spendRequest?: SpendRequestInput | null;
  @Field(() => Date, { nullable: true }) purchasedAt?: Date | null;
}

@InputType()
export class PurchaseActionInput {
  @Field(() => String, { description: 'CANCEL or RETURN.' }) action: string;
  @Field(() => String, { nullable: true, description: 'RETURN: the net amount returned.' }) net?: string | null;
}

@InputType()
export class IssueContactTokenInput {
  @Field(() => String) contactId: string;
  @Field(() => String, { defaultValue: 'SPEND' }) intent: string;
  @Field(() => String, { nullable: true }) spendAmount?: string | null;
}
