import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';
import { LedgerTransactionType } from './enums';

@ObjectType({ description: 'One posting of a transaction: a signed amount (+ credit, - debit) and the account balance after it (decimal strings).' })
export class LedgerPostingResult {
  @Field(() => ID) accountId: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String) balance: string;
}

@ObjectType()
export class LedgerTransactionResult {
  @Field(() => ID) id: string;
  @Field(() => LedgerTransactionType) type: string;
  @Field(() => Date) postedAt: Date;
  @Field(() => [LedgerPostingResult]) postings: LedgerPostingResult[];
}

@ObjectType({ description: 'Result of a value-moving mutation. Repeating it with the same idempotencyKey returns the first result.' })
export class LedgerTransactionPayload {
  @Field(() => LedgerTransactionResult, { nullable: true }) transaction: LedgerTransactionResult | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [String], {
    description: "One consistency token per account the transaction moved (to read every side of it, e.g. the tenant's account).",
  })
  consistencyTokens: string[];
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class LedgerReservationResult {
  @Field(() => ID) id: string;
  @Field(() => ID) accountId: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { description: 'ACTIVE, CAPTURED, RELEASED or EXPIRED.' }) state: string;
}

@ObjectType()
export class LedgerReservationPayload {
  @Field(() => LedgerReservationResult, { nullable: true }) reservation: LedgerReservationResult | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class OpenWalletPayload {
  @Field(() => ID, { nullable: true }) walletId: string | null;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of a bulk of transfers posted as one unit: every transaction, or none (errors).' })
export class LedgerTransferBulkPayload {
  @Field(() => [LedgerTransactionResult]) transactions: LedgerTransactionResult[];
  @Field(() => String, { nullable: true, description: 'Always null: see consistencyTokens.' }) consistencyToken: string | null;
  @Field(() => [String], { description: 'One consistency token per account the transfers moved.' }) consistencyTokens: string[];
  @Field(() => [UserError]) errors: UserError[];
}
