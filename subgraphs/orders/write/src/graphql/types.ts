import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

@InputType()
export class OrderItemInput {
  @Field(() => ID) productId: string;
  @Field(() => Int, { description: '1 to 10000.' }) quantity: number;
  @Field(() => ID, {
    nullable: true,
    description: 'The price (price_terms_id) to order at; required for termed and one-time services. Default: the default price.',
  })
  priceTermsId?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class EstimateOrderInput {
  @Field(() => ID, { description: "The contact's account the order is for (its contact is the orderer)." }) accountId: string;
  @Field(() => String, { description: 'DELIVERY, PICK_UP or DIRECT_SALE.' }) supplyMethod: string;
  @Field(() => String, { nullable: true, description: 'DIRECT_DELIVERY, COURIER_SERVICE or PICKUP_POINT.' }) deliveryMethod?: string | null;
  @Field(() => String, { description: 'CARD, ACCOUNT_DEBIT, WALLET, CRM_WALLET, CASH or CHEQUE.' }) paymentMethodType: string;
  @Field(() => String, { nullable: true }) fulfilledBy?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for DELIVERY.' }) addressId?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => [OrderItemInput]) items: OrderItemInput[];
  @Field(() => Boolean, { nullable: true, description: 'Reserve wallet funds towards the total until the estimate expires.' }) useWalletFunds?:
    | boolean
    | null;
  @Field(() => String, { nullable: true, description: 'At most this much of the wallet (a decimal string).' }) walletFundsAmount?: string | null;
}

@InputType()
export class OrderPaymentInput {
  @Field(() => String) paymentMethodType: string;
  @Field(() => String, { nullable: true, description: 'A decimal string.' }) amount?: string | null;
  @Field(() => String, { nullable: true }) paymentMethodId?: string | null;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID) estimateId: string;
  @Field(() => Boolean, { nullable: true, description: 'false: release the wallet funds the estimate holds instead of using them.' })
  useWalletFunds?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Use only this much of the funds the estimate holds (a decimal string).' })
  walletFundsAmount?: string | null;
  @Field(() => [OrderPaymentInput], { nullable: true }) payments?: OrderPaymentInput[] | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@ObjectType({ description: 'A priced line of an order estimate (amounts are decimal strings).' })
export class OrderEstimateLine {
  @Field(() => ID) id: string;
  @Field(() => ID) productId: string;
  @Field(() => String) sku: string;
  @Field(() => String) name: string;
  @Field(() => String) classification: string;
  @Field(() => ID) priceTermsId: string;
  @Field(() => Int) quantity: number;
  @Field(() => String) unitPrice: string;
  @Field(() => String) taxModel: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) discount: string;
  @Field(() => String) total: string;
}

@ObjectType({ description: 'An ordered product left out of the estimate, and why (STOCK, VALIDITY_PERIOD, AVAILABILITY, ORDER_CATALOGUE).' })
export class OrderInvalidProduct {
  @Field(() => ID) productId: string;
  @Field(() => String, { nullable: true }) sku: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String) reason: string;
}

@ObjectType({ description: 'An order estimate: what the order would cost, the wallet funds reserved for it, until when it can be ordered.' })
export class OrderEstimate {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) accountId: string;
  @Field(() => String) supplyMethod: string;
  @Field(() => String) currency: string;
  @Field(() => [OrderEstimateLine]) lines: OrderEstimateLine[];
  @Field(() => [OrderInvalidProduct]) invalidProducts: OrderInvalidProduct[];
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) discount: string;
  @Field(() => String) total: string;
  @Field(() => String, { description: 'Wallet funds reserved for the order (0 when none).' }) walletFunds: string;
  @Field(() => String, { description: 'What is left to pay by other means.' }) amountToCollect: string;
  @Field(() => Boolean, { description: 'Whether it has something to order.' }) orderingAllowed: boolean;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Float, { description: 'Seconds the estimate still holds.' }) expiresInSeconds: number;
}

@ObjectType()
export class OrderEstimatePayload {
  @Field(() => OrderEstimate, { nullable: true }) estimate: OrderEstimate | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of placing an order.' })
export class PlaceOrderPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'O000001, per tenant.' }) number: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of an order action.' })
export class OrderActionPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) state: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
