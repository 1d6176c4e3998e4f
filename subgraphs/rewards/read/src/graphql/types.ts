import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A reward scheme: a marketing grouping of offers contacts sign up to.' })
export class RewardScheme {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'AUTO_SIGN_UP, SELF_SIGN_UP or CLOSE_LOOP_SIGN_UP.' }) signUpOption: string;
  @Field(() => [String]) emailDomains: string[];
  @Field(() => String, { nullable: true }) termsAndConditions: string | null;
  @Field(() => String, { description: 'ALL, BEST or FIRST.' }) resolution: string;
  @Field(() => String, { description: 'WRITE_OFF or CLAIM.' }) clawBack: string;
  @Field(() => String) state: string;
  @Field(() => Boolean, { nullable: true, description: 'For the contact asked about: takes part (signed up and verified, or auto sign-up).' })
  isSigned: boolean | null;
  @Field(() => String, { nullable: true, description: 'For the contact asked about: ACTIVE, PENDING (closed loop, unverified) or null.' })
  membership: string | null;
  @Field(() => Date, { nullable: true, description: 'For the contact asked about: when it signed up (null for auto sign-up).' })
  signedUpAt: Date | null;
  @Field(() => String, { nullable: true, description: 'For the contact asked about: the address of a closed-loop sign-up.' }) signedUpEmail:
    | string
    | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class RewardTimeWindow {
  @Field(() => String) from: string;
  @Field(() => String) to: string;
}

@ObjectType()
export class RewardOfferConditions {
  @Field(() => String, { nullable: true }) minAmount: string | null;
  @Field(() => [String]) organisationIds: string[];
  @Field(() => [String]) classifications: string[];
  @Field(() => [String]) productSkus: string[];
  @Field(() => [String]) productCategories: string[];
  @Field(() => [String]) daysOfWeek: string[];
  @Field(() => [RewardTimeWindow]) timeWindows: RewardTimeWindow[];
  @Field(() => String) timeZone: string;
  @Field(() => [String]) tiers: string[];
}

@ObjectType()
export class RewardOfferAward {
  @Field(() => String) method: string;
  @Field(() => String, { nullable: true }) amount: string | null;
  @Field(() => String, { nullable: true }) percent: string | null;
  @Field(() => [String]) productSkus: string[];
  @Field(() => [String]) productCategories: string[];
}

@ObjectType()
export class RewardPerContactCap {
  @Field(() => String) amount: string;
  @Field(() => String) period: string;
}

@ObjectType()
export class RewardOfferCaps {
  @Field(() => String, { nullable: true }) perPurchase: string | null;
  @Field(() => RewardPerContactCap, { nullable: true }) perContact: RewardPerContactCap | null;
}

@ObjectType({ description: 'A reward offer of a scheme.' })
export class RewardOffer {
  @Field(() => ID) id: string;
  @Field(() => ID) schemeId: string;
  @Field(() => String, { nullable: true }) schemeName: string | null;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription: string | null;
  @Field(() => String, { nullable: true }) termsAndConditions: string | null;
  @Field(() => String) type: string;
  @Field(() => String) goal: string;
  @Field(() => Int) priority: number;
  @Field(() => String) currency: string;
  @Field(() => String, { description: 'ACTIVE or INACTIVE.' }) state: string;
  @Field(() => RewardOfferConditions) conditions: RewardOfferConditions;
  @Field(() => RewardOfferAward) award: RewardOfferAward;
  @Field(() => RewardOfferCaps) caps: RewardOfferCaps;
  @Field(() => Int, { nullable: true }) validityDays: number | null;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class RewardOfferPage {
  @Field(() => [RewardOffer]) items: RewardOffer[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType()
export class PurchaseAmounts {
  @Field(() => String) total: string;
  @Field(() => String) net: string;
  @Field(() => String, { nullable: true }) tax: string | null;
  @Field(() => String, { nullable: true }) discount: string | null;
}

@ObjectType()
export class PurchaseProduct {
  @Field(() => String) sku: string;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field(() => Int) quantity: number;
  @Field(() => String) net: string;
}

@ObjectType()
export class PurchaseSpend {
  @Field(() => String) requested: string;
  @Field(() => String) spent: string;
  @Field(() => String, { nullable: true }) transactionId: string | null;
}

@ObjectType({ description: 'A ledger step of the purchase (award, reversal, clawback) and its outcome; null outcome: still being posted.' })
export class PurchaseStepView {
  @Field(() => String) key: string;
  @Field(() => String) kind: string;
  @Field(() => ID, { nullable: true }) offerId: string | null;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => String, { nullable: true, description: 'POSTED, WRITTEN_OFF, CLAIMED, or null while pending.' }) outcome: string | null;
  @Field(() => String, { nullable: true }) transactionId: string | null;
}

@ObjectType()
export class PurchaseReturnView {
  @Field(() => Int) number: number;
  @Field(() => String) net: string;
}

@ObjectType()
export class OfferConditionCheck {
  @Field(() => String) condition: string;
  @Field(() => Boolean) passed: boolean;
  @Field(() => String) detail: string;
}

@ObjectType({ description: 'One active offer as the engine saw it for the purchase.' })
export class OfferEvaluationView {
  @Field(() => ID) offerId: string;
  @Field(() => String) offerName: string;
  @Field(() => ID) schemeId: string;
  @Field(() => Int) priority: number;
  @Field(() => [OfferConditionCheck]) conditions: OfferConditionCheck[];
  @Field(() => Boolean) eligible: boolean;
  @Field(() => String, { description: 'The award before caps.' }) computed: string;
  @Field(() => String, { description: 'The award after caps.' }) capped: string;
  @Field(() => Boolean, { description: 'Chosen by the scheme’s resolution (and posted).' }) selected: boolean;
  @Field(() => String) note: string;
}

@ObjectType()
export class SchemeResolutionView {
  @Field(() => ID) schemeId: string;
  @Field(() => String) rule: string;
}

@ObjectType({ description: 'Why the purchase got its awards: every active offer considered, each condition, the resolution, and what was posted.' })
export class PurchaseExplanation {
  @Field(() => [OfferEvaluationView]) evaluations: OfferEvaluationView[];
  @Field(() => [SchemeResolutionView]) resolutions: SchemeResolutionView[];
  @Field(() => [PurchaseStepView]) postings: PurchaseStepView[];
}

@ObjectType({ description: 'A POS purchase (customer event).' })
export class Purchase {
  @Field(() => ID) id: string;
  @Field(() => String) referenceNumber: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { nullable: true }) organisationId: string | null;
  @Field(() => String) currency: string;
  @Field(() => String, { description: 'POSTED or CANCELLED.' }) state: string;
  @Field(() => PurchaseAmounts) amounts: PurchaseAmounts;
  @Field(() => String, { nullable: true }) classification: string | null;
  @Field(() => [PurchaseProduct]) products: PurchaseProduct[];
  @Field(() => PurchaseSpend, { nullable: true }) spend: PurchaseSpend | null;
  @Field(() => String, { description: 'Awarded, net of reversals and clawbacks posted (decimal string).' }) awarded: string;
  @Field(() => [PurchaseStepView]) steps: PurchaseStepView[];
  @Field(() => [PurchaseReturnView]) returns: PurchaseReturnView[];
  @Field(() => PurchaseExplanation) explanation: PurchaseExplanation;
  @Field(() => Date) purchasedAt: Date;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class PurchasePage {
  @Field(() => [Purchase]) items: Purchase[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'A live contact token (its value is shown only when issued).' })
export class ContactToken {
  @Field(() => ID) id: string;
  @Field(() => String) intent: string;
  @Field(() => String, { nullable: true }) spendAmount: string | null;
  @Field(() => Date) expiresAt: Date;
}

@ObjectType({ description: 'What an offer has given one contact: the awards posted net of reversals and clawbacks, against its per-contact cap.' })
export class RewardOfferPerformance {
  @Field(() => String, { description: 'AMOUNT.' }) type: string;
  @Field(() => String) current: string;
  @Field(() => String, { nullable: true, description: 'The per-contact cap, when the offer has one.' }) target: string | null;
  @Field(() => Float, { nullable: true, description: 'current / target (0 to 1).' }) progress: number | null;
}
