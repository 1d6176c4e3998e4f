import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A service of a subscription (one product at its price terms).' })
export class Service {
  @Field(() => ID) id: string;
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID) contactId: string;
  @Field(() => String) productId: string;
  @Field(() => String, { nullable: true }) priceTermsId: string | null;
  @Field(() => Int) quantity: number;
  @Field(() => String, { description: 'DRAFT | EFFECTIVE | PAUSED | NOT_EFFECTIVE | CANCELLED | REGRETTED | SWAPPED | REMOVED' }) state: string;
  @Field(() => String, { nullable: true, description: 'IN_TRIAL until the trial end, then TRIAL_ENDED; null without a trial.' }) trialState:
    | string
    | null;
  @Field(() => Date, { nullable: true }) trialEndsAt: Date | null;
  @Field(() => Date, { nullable: true }) contractEndsAt: Date | null;
  @Field(() => Boolean, { description: 'Whether the contract end is still ahead.' }) inContract: boolean;
  @Field(() => String, { description: 'OPT_IN | OPT_OUT | RENEW_TERMS | EXTEND_TERMS' }) autoRenewal: string;
  @Field(() => Date, { nullable: true }) firstEffectiveAt: Date | null;
  @Field(() => Date) updatedAt: Date;
}

// named ContactSubscription in the schema: a type named Subscription would become GraphQL's subscription root
@ObjectType('ContactSubscription', {
  description: "A contact's subscription: services sharing billing terms; its state derives from theirs.",
})
export class Subscription {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { nullable: true }) accountId: string | null;
  @Field(() => String, { description: 'ACTIVE | INACTIVE | CHURNED' }) state: string;
  @Field(() => Int, { description: 'Day of month the billing cycle starts (1 to 28).' }) billingDay: number;
  @Field(() => String, { nullable: true }) paymentMethodType: string | null;
  @Field(() => String, { nullable: true }) paymentMethodId: string | null;
  @Field(() => [Service]) services: Service[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A page of subscriptions.' })
export class SubscriptionPage {
  @Field(() => [Subscription]) items: Subscription[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'A subscription action: immediate (EXECUTED at once) or scheduled (SCHEDULED → EXECUTED | REJECTED | CANCELLED).' })
export class SubscriptionActionRecord {
  @Field(() => ID) id: string;
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID, { nullable: true }) serviceId: string | null;
  @Field(() => String, { description: 'SERVICE or SUBSCRIPTION' }) scope: string;
  @Field(() => String) action: string;
  @Field(() => String, { description: 'SCHEDULED | EXECUTED | REJECTED | CANCELLED' }) state: string;
  @Field(() => Date, { nullable: true }) scheduledDate: Date | null;
  @Field(() => Boolean) usedProposedDate: boolean;
  @Field(() => Date, { nullable: true }) executedAt: Date | null;
  @Field(() => String, { nullable: true }) rejectionReason: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}
