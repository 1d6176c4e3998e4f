import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A queue stage: where the order is.' })
export class OrderStage {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
}

@ObjectType({ description: 'A billing or trial period of a price term.' })
export class OrderItemPeriod {
  @Field(() => Int) duration: number;
  @Field(() => String) uot: string;
}

@ObjectType({ description: 'The price terms an item was ordered at (services).' })
export class OrderItemTerms {
  @Field(() => OrderItemPeriod) billingPeriod: OrderItemPeriod;
  @Field(() => OrderItemPeriod, { nullable: true }) trialPeriod: OrderItemPeriod | null;
  @Field(() => OrderItemPeriod, { nullable: true }) contractPeriod: OrderItemPeriod | null;
  @Field(() => Boolean) autoRenewed: boolean;
  @Field(() => String) billingModel: string;
}

@ObjectType({ description: 'An ordered item (amounts are decimal strings).' })
export class OrderItem {
  @Field(() => ID) id: string;
  @Field(() => ID) productId: string;
  @Field(() => String) sku: string;
  @Field(() => String) name: string;
  @Field(() => String) classification: string;
  @Field(() => ID) priceTermsId: string;
  @Field(() => OrderItemTerms, { nullable: true }) priceTerms: OrderItemTerms | null;
  @Field(() => Int) quantity: number;
  @Field(() => String) unitPrice: string;
  @Field(() => String) taxModel: string;
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) discount: string;
  @Field(() => String) total: string;
  @Field(() => String, { nullable: true }) notes: string | null;
}

@ObjectType()
export class OrderPayment {
  @Field(() => String) paymentMethodType: string;
  @Field(() => String, { nullable: true }) amount: string | null;
  @Field(() => String, { nullable: true }) paymentMethodId: string | null;
}

@ObjectType({ description: 'An order: its items, amounts, queue stage and state (NEW, IN_PROGRESS, COMPLETED, CANCELLED, ON_HOLD).' })
export class Order {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'O000001, per tenant.' }) number: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) accountId: string;
  @Field(() => ID) estimateId: string;
  @Field(() => String) supplyMethod: string;
  @Field(() => String, { nullable: true }) deliveryMethod: string | null;
  @Field(() => String, { nullable: true }) fulfilledBy: string | null;
  @Field(() => String, { nullable: true }) addressId: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => String) currency: string;
  @Field(() => String) state: string;
  @Field(() => Boolean) isFavorite: boolean;
  @Field(() => ID) queueId: string;
  @Field(() => OrderStage) stage: OrderStage;
  @Field(() => [OrderItem]) items: OrderItem[];
  @Field(() => String) net: string;
  @Field(() => String) tax: string;
  @Field(() => String) discount: string;
  @Field(() => String) total: string;
  @Field(() => String, { description: 'Wallet funds the order took (0 when none).' }) walletFunds: string;
  @Field(() => String, { nullable: true }) walletTransactionId: string | null;
  @Field(() => String) amountToCollect: string;
  @Field(() => [OrderPayment]) payments: OrderPayment[];
  @Field(() => ID, { nullable: true }) cancellationReasonId: string | null;
  @Field(() => String, { nullable: true, description: 'Wallet funds refunded at cancellation.' }) refundAmount: string | null;
  @Field(() => Date) submittedAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class OrderPage {
  @Field(() => [Order]) items: Order[];
  @Field(() => Int) total: number;
}
