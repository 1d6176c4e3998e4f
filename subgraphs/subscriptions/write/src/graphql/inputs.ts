import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A period of time: duration in units of time (DAY, WEEK, MONTH, YEAR).' })
export class ServicePeriodInput {
  @Field(() => Int) duration: number;
  @Field(() => String, { description: 'DAY | WEEK | MONTH | YEAR' }) uot: string;
}

@InputType()
export class NewServiceInput {
  @Field(() => String, { description: 'The catalogue product (an opaque id here).' }) productId: string;
  @Field(() => String, { nullable: true, description: 'The product price terms (an opaque id here).' }) priceTermsId: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 10000; default 1.' }) quantity: number | null;
  @Field(() => ServicePeriodInput, { nullable: true, description: 'Free trial from the start.' }) trialPeriod: ServicePeriodInput | null;
  @Field(() => ServicePeriodInput, { nullable: true, description: 'Contract (no CANCEL before its end) from the start.' })
  contractPeriod: ServicePeriodInput | null;
  @Field(() => String, { nullable: true, description: 'OPT_IN | OPT_OUT | RENEW_TERMS | EXTEND_TERMS; default OPT_IN.' })
  autoRenewal: string | null;
}

@InputType()
export class AddServicesInput {
  @Field(() => String, { nullable: true, description: 'Services of one account share a subscription.' }) accountId: string | null;
  @Field(() => String, { nullable: true, description: 'CARD | ACCOUNT_DEBIT | WALLET | CRM_WALLET | CHEQUE' }) paymentMethodType: string | null;
  @Field(() => [NewServiceInput]) services: NewServiceInput[];
  @Field(() => Date, { nullable: true, description: 'A later start: the services join as DRAFT and are activated then.' }) scheduledDate: Date | null;
}

@InputType()
export class ChangeToServiceInput {
  @Field(() => String) productId: string;
  @Field(() => String, { nullable: true }) priceTermsId: string | null;
  @Field(() => Int, { nullable: true }) quantity: number | null;
}

@InputType()
export class ChangeServiceInput {
  @Field(() => String, { description: 'ACTIVATE | DEACTIVATE | PAUSE | RESUME | CANCEL | REGRET | CHANGE | REMOVE' }) action: string;
  @Field(() => ChangeToServiceInput, { nullable: true, description: 'CHANGE: the service it becomes.' }) changeTo: ChangeToServiceInput | null;
  @Field(() => Date, { nullable: true }) scheduledDate: Date | null;
  @Field(() => Boolean, { nullable: true, description: "Run at the engine's proposed date (the next billing date)." }) useProposedDate:
    | boolean
    | null;
}

@InputType()
export class ChangeSubscriptionInput {
  @Field(() => String, { description: 'CHANGE_BILLING_DAY | CHANGE_PAYMENT_METHOD | CANCEL' }) action: string;
  @Field(() => Int, { nullable: true, description: 'CHANGE_BILLING_DAY: 1 to 28.' }) billingDay: number | null;
  @Field(() => String, { nullable: true }) paymentMethodType: string | null;
  @Field(() => String, { nullable: true }) paymentMethodId: string | null;
  @Field(() => Date, { nullable: true }) scheduledDate: Date | null;
  @Field(() => Boolean, { nullable: true }) useProposedDate: boolean | null;
}
