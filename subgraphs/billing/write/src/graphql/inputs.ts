import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: "A gateway's token for the method (e.g. Stripe's tok_visa): the only way a card is known." })
export class GatewayTokenInput {
  @Field(() => String, { nullable: true, description: 'TEST, STRIPE, JCC, JCC_MERCHANT or SETTLE (TEST when omitted).' }) gateway?: string | null;
  @Field(() => String) token: string;
}

@InputType({ description: 'A card as first6 / last4 / brand / expiry and its gateway tokens. Never a card number.' })
export class CardInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String) first6: string;
  @Field(() => String) last4: string;
  @Field(() => String, { nullable: true, description: 'VISA, MASTERCARD, … (UNKNOWN when omitted).' }) brand?: string | null;
  @Field(() => String, { nullable: true }) fundingType?: string | null;
  @Field(() => Int) expirationMonth: number;
  @Field(() => Int) expirationYear: number;
  @Field(() => String, { nullable: true }) holderName?: string | null;
  @Field(() => [GatewayTokenInput]) gatewayTokens: GatewayTokenInput[];
}

@InputType()
export class AccountDebitInput {
  @Field(() => String, { nullable: true }) accountName?: string | null;
  @Field(() => String, { nullable: true, description: 'Only its last 4 characters are kept.' }) iban?: string | null;
  @Field(() => String, { nullable: true }) bank?: string | null;
  @Field(() => [GatewayTokenInput], { nullable: true }) gatewayTokens?: GatewayTokenInput[] | null;
}

@InputType()
export class WalletMethodInput {
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [GatewayTokenInput], { nullable: true }) gatewayTokens?: GatewayTokenInput[] | null;
}

@InputType()
export class PaymentMethodInput {
  @Field(() => String, { description: 'CARD, ACCOUNT_DEBIT or WALLET.' }) type: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it the primary method (the first one always is).' }) isPrimary?: boolean | null;
  @Field(() => CardInput, { nullable: true }) card?: CardInput | null;
  @Field(() => AccountDebitInput, { nullable: true }) accountDebit?: AccountDebitInput | null;
  @Field(() => WalletMethodInput, { nullable: true }) wallet?: WalletMethodInput | null;
}

@InputType()
export class UpdatePaymentMethodInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: becomes the primary method.' }) isPrimary?: boolean | null;
  @Field(() => Int, { nullable: true }) expirationMonth?: number | null;
  @Field(() => Int, { nullable: true }) expirationYear?: number | null;
}

@InputType()
export class TopupInput {
  @Field(() => String, { description: 'Wallet id or code.' }) walletId: string;
  @Field(() => ID, { nullable: true, description: "The contact's payment method; its primary one when omitted." }) paymentMethodId?: string | null;
  @Field(() => String, { description: 'A positive decimal string, exact to the currency’s minor unit.' }) amount: string;
  @Field(() => String, { nullable: true, description: "The wallet's currency when omitted." }) currency?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
