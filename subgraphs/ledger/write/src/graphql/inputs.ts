import { Field, ID, InputType } from 'type-graphql';
import type { Pocket, SystemAccount, TransactionType } from '../domain/book';
import { LedgerPocket, LedgerSystemAccount, LedgerTransactionType } from './enums';

const AMOUNT = 'A positive decimal string in the currency’s ISO-4217 exponent, e.g. "12.50".';

@InputType({
  description: 'An account: by id, or a wallet (id or 16-digit code) or contact and its pocket (OPEN by default; COMMERCE with commercePoolId).',
})
export class LedgerAccountRefInput {
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'Wallet id or code.' }) walletId?: string | null;
  @Field(() => ID, { nullable: true }) contactId?: string | null;
  @Field(() => LedgerPocket, { nullable: true }) pocket?: Pocket | null;
  @Field(() => String, { nullable: true }) commercePoolId?: string | null;
}

@InputType()
export class LedgerCreditInput {
  @Field(() => LedgerAccountRefInput) account: LedgerAccountRefInput;
  @Field(() => String, { description: AMOUNT }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => LedgerSystemAccount, { defaultValue: 'REWARDS_LIABILITY', description: 'Where the value comes from.' }) source: SystemAccount;
  @Field(() => LedgerTransactionType, { defaultValue: 'CREDIT' }) type: TransactionType;
  @Field(() => Date, { nullable: true, description: 'When what is left of this credit (a lot) expires.' }) expiresAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Pending credit: spendable from this instant.' }) unlockAt?: Date | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}

@InputType()
export class LedgerDebitInput {
  @Field(() => LedgerAccountRefInput) account: LedgerAccountRefInput;
  @Field(() => String, { description: AMOUNT }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => LedgerSystemAccount, { defaultValue: 'REVENUE', description: 'Where the value goes.' }) destination: SystemAccount;
  @Field(() => LedgerTransactionType, { defaultValue: 'DEBIT' }) type: TransactionType;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}

@InputType()
export class LedgerTransferInput {
  @Field(() => LedgerAccountRefInput) from: LedgerAccountRefInput;
  @Field(() => LedgerAccountRefInput) to: LedgerAccountRefInput;
  @Field(() => String, { description: AMOUNT }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}

@InputType()
export class LedgerReserveInput {
  @Field(() => LedgerAccountRefInput) account: LedgerAccountRefInput;
  @Field(() => String, { description: AMOUNT }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => Date, { nullable: true, description: 'Released by the schedule at this instant unless captured or released before.' })
  expiresAt?: Date | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}

@InputType()
export class LedgerCaptureInput {
  @Field(() => ID) reservationId: string;
  @Field(() => String, { nullable: true, description: 'At most the reserved amount; all of it when omitted (the rest is released).' }) amount?:
    | string
    | null;
  @Field(() => LedgerAccountRefInput, {
    nullable: true,
    description: 'Where the captured value goes (default: the system account destinationSystem).',
  })
  destination?: LedgerAccountRefInput | null;
  @Field(() => LedgerSystemAccount, { defaultValue: 'REVENUE' }) destinationSystem: SystemAccount;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class LedgerReservationRefInput {
  @Field(() => ID) reservationId: string;
}

@InputType()
export class LedgerReverseInput {
  @Field(() => ID) transactionId: string;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType({ description: 'A Back-Office manual journal on a contact (id or code): CREDIT or DEBIT of its wallet or its account.' })
export class LedgerManualJournalInput {
  @Field(() => String, { description: 'Contact id or code.' }) contactId: string;
  @Field(() => String, { description: 'CREDIT or DEBIT.' }) action: string;
  @Field(() => String, { description: 'WALLET or ACCOUNT.' }) entity: string;
  @Field(() => String, { description: AMOUNT }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) commercePoolId?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
