import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: "A contact's financial account: what opening it sets (currency required) or what a change sets (omitted: unchanged)." })
export class LedgerContactAccountInput {
  @Field(() => String, { nullable: true, description: 'ISO-4217; required to open, not changeable.' }) currency?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it the primary account (the previous primary loses the flag).' }) isPrimary?:
    | boolean
    | null;
  @Field(() => String, { nullable: true }) classificationId?: string | null;
  @Field(() => String, { nullable: true }) billingAddressId?: string | null;
  @Field(() => String, { nullable: true }) paymentTermsId?: string | null;
  @Field(() => String, { nullable: true, description: 'Decimal: how far below zero the account may go ("0": not at all).' }) creditLimit?:
    | string
    | null;
}

@InputType()
export class WalletPaymentMethodInput {
  @Field(() => String, { description: 'CARD, ACCOUNT_DEBIT or WALLET.' }) type: 'CARD' | 'ACCOUNT_DEBIT' | 'WALLET';
  @Field(() => String, { nullable: true }) id?: string | null;
}

@InputType()
export class WalletAutoTopupInput {
  @Field(() => String, { description: 'Top up when the balance falls below this (decimal).' }) threshold: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => WalletPaymentMethodInput) paymentMethod: WalletPaymentMethodInput;
}

@InputType()
export class WalletTermedTopupInput {
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String) frequency: string;
  @Field(() => String, { nullable: true, description: 'DAILY, WEEKLY or MONTHLY.' }) period?: 'DAILY' | 'WEEKLY' | 'MONTHLY' | null;
  @Field(() => WalletPaymentMethodInput) paymentMethod: WalletPaymentMethodInput;
}

@InputType()
export class WalletLimitRuleInput {
  @Field(() => String, { nullable: true, description: 'Kept when given (a rule being changed); a new id otherwise.' }) id?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => [String], { description: 'DEBIT, CREDIT, TOP_UP, TRANSFER (DEBIT and TRANSFER are enforced on movements out of the wallet).' })
  appliesFor: ('DEBIT' | 'CREDIT' | 'TOP_UP' | 'TRANSFER')[];
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true, description: 'Decimal: at most this much per period.' }) maximumAmount?: string | null;
  @Field(() => Int, { nullable: true, description: 'At most this many movements per period.' }) maximumNumber?: number | null;
  @Field(() => String, { description: 'DAILY, WEEKLY or MONTHLY.' }) period: 'DAILY' | 'WEEKLY' | 'MONTHLY';
}

@InputType({ description: 'What changes (omitted: unchanged; null: cleared).' })
export class WalletSettingsInput {
  @Field(() => WalletAutoTopupInput, { nullable: true }) autoTopup?: WalletAutoTopupInput | null;
  @Field(() => WalletTermedTopupInput, { nullable: true }) termedTopup?: WalletTermedTopupInput | null;
  @Field(() => [WalletLimitRuleInput], { nullable: true, description: "The wallet's own limit rules (null: the tenant's defaults)." })
  limitRules?: WalletLimitRuleInput[] | null;
}

@InputType({ description: "A tenant's commerce pool: conditional credit restricted to organisations, product categories and a validity window." })
export class CommercePoolInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Contacts activate the pool before using it.' }) requiresActivation: boolean;
  @Field(() => [String], { defaultValue: [] }) organisationIds: string[];
  @Field(() => [String], { defaultValue: [] }) productCategoryIds: string[];
  @Field(() => Date, { nullable: true }) validFrom?: Date | null;
  @Field(() => Date, { nullable: true }) validTo?: Date | null;
  @Field(() => Boolean, { defaultValue: true }) isActive: boolean;
}
