import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A pass plan: the terms of the passes (gift cards, top-up vouchers, promotion codes) issued from it.' })
export class PassPlan {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { description: 'ACTIVE or INACTIVE.' }) state: string;
  @Field(() => String, { description: 'GIFT, TOPUP or PROMOTION.' }) classification: string;
  @Field(() => String) currency: string;
  @Field(() => String, { description: 'FIXED or VARIABLE.' }) valueType: string;
  @Field(() => [String]) fixedValues: string[];
  @Field(() => String, { nullable: true }) minimum: string | null;
  @Field(() => String, { nullable: true }) maximum: string | null;
  @Field(() => String, { description: 'PERIOD, DATE or ALWAYS.' }) validityType: string;
  @Field(() => Int, { nullable: true }) validityPeriod: number | null;
  @Field(() => String, { nullable: true }) validityUot: string | null;
  @Field(() => Date, { nullable: true }) validityFixedDate: Date | null;
  @Field(() => String) codeType: string;
  @Field(() => String) codePrefix: string;
  @Field(() => String) codeSuffix: string;
  @Field(() => Int) codeLength: number;
  @Field(() => Boolean) pinRequired: boolean;
  @Field(() => String, { description: 'OPEN or COMMERCE.' }) creditPocket: string;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => String, { nullable: true }) promotionId: string | null;
  @Field(() => String, { nullable: true }) rewardOfferId: string | null;
  @Field(() => Int) passesIssued: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class PassPlanPage {
  @Field(() => [PassPlan]) items: PassPlan[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'A pass: its code is never shown again after issue (only its last 4 characters).' })
export class Pass {
  @Field(() => ID) id: string;
  @Field(() => ID) planId: string;
  @Field(() => ID) batchId: string;
  @Field(() => String) classification: string;
  @Field(() => String, { description: 'ACTIVE, REDEEMED or CANCELLED.' }) state: string;
  @Field(() => String) value: string;
  @Field(() => String) currency: string;
  @Field(() => String) codeHint: string;
  @Field(() => Boolean) pinRequired: boolean;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => String) creditPocket: string;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => String, { nullable: true }) recipientName: string | null;
  @Field(() => String, { nullable: true }) recipientMediumType: string | null;
  @Field(() => String, { nullable: true }) recipientMediumValue: string | null;
  @Field(() => String, { nullable: true }) giftSenderName: string | null;
  @Field(() => String, { nullable: true }) giftMessage: string | null;
  @Field(() => ID, { nullable: true }) redeemedBy: string | null;
  @Field(() => Date, { nullable: true }) redeemedAt: Date | null;
  @Field(() => String, { nullable: true }) redeemedAtOrganisation: string | null;
  @Field(() => String, { nullable: true, description: 'The ledger transaction crediting the value (null until posted).' }) transactionId:
    | string
    | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class PassPage {
  @Field(() => [Pass]) items: Pass[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'A promotion shown to contacts.' })
export class Promotion {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription: string | null;
  @Field(() => String, { nullable: true }) longDescription: string | null;
  @Field(() => String) state: string;
  @Field(() => String) currency: string;
  @Field(() => Date, { nullable: true }) availableFrom: Date | null;
  @Field(() => Date, { nullable: true }) availableTo: Date | null;
  @Field(() => [String]) tags: string[];
  @Field(() => [String]) organisationIds: string[];
  @Field(() => String, { nullable: true }) rewardOfferId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class PromotionPage {
  @Field(() => [Promotion]) items: Promotion[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}
