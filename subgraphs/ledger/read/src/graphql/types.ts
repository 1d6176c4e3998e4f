import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A ledger account: a wallet pocket, a contact financial account or a tenant system account. Amounts are decimal strings.',
})
export class LedgerAccount {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'WALLET_POCKET, CONTACT_ACCOUNT or SYSTEM.' }) kind: string;
  @Field(() => ID, { nullable: true }) walletId: string | null;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => String, { nullable: true, description: 'OPEN, BUSINESS or COMMERCE (wallet pockets).' }) pocket: string | null;
  @Field(() => String, { nullable: true }) commercePoolId: string | null;
  @Field(() => String, { nullable: true }) systemAccount: string | null;
  @Field(() => String) currency: string;
  @Field(() => String) name: string;
  @Field(() => Boolean) isPrimary: boolean;
  @Field(() => String, { description: 'The balance (at asOf when asked).' }) balance: string;
  @Field(() => String, { nullable: true, description: 'Reserved funds (now; null for an asOf read).' }) blocked: string | null;
  @Field(() => String, { nullable: true, description: 'What can be spent now: unlocked, unexpired credit less blocked (null for an asOf read).' })
  available: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => String, { nullable: true, description: 'Contact accounts: their classification.' }) classificationId: string | null;
  @Field(() => String, { nullable: true }) billingAddressId: string | null;
  @Field(() => String, { nullable: true }) paymentTermsId: string | null;
  @Field(() => String, { description: 'How far below zero the account may go (contact accounts; "0.00" otherwise).' }) creditLimit: string;
}

@ObjectType()
export class WalletPaymentMethod {
  @Field(() => String, { description: 'CARD, ACCOUNT_DEBIT or WALLET.' }) type: string;
  @Field(() => String, { nullable: true }) id: string | null;
}

@ObjectType()
export class WalletAutoTopup {
  @Field(() => String) threshold: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => WalletPaymentMethod) paymentMethod: WalletPaymentMethod;
}

@ObjectType()
export class WalletTermedTopup {
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String) frequency: string;
  @Field(() => String, { nullable: true }) period: string | null;
  @Field(() => WalletPaymentMethod) paymentMethod: WalletPaymentMethod;
}

@ObjectType({ description: 'At most maximumAmount and/or maximumNumber movements of the kinds appliesFor per period (decimal strings).' })
export class WalletLimitRule {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => [String]) appliesFor: string[];
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true }) maximumAmount: string | null;
  @Field(() => Int, { nullable: true }) maximumNumber: number | null;
  @Field(() => String) period: string;
}

@ObjectType()
export class WalletSettings {
  @Field(() => WalletAutoTopup, { nullable: true }) autoTopup: WalletAutoTopup | null;
  @Field(() => WalletTermedTopup, { nullable: true }) termedTopup: WalletTermedTopup | null;
  @Field(() => [WalletLimitRule], { nullable: true, description: "The wallet's own rules; null: the tenant's defaults apply." })
  limitRules: WalletLimitRule[] | null;
  @Field(() => [ID], { description: 'Commerce pools the contact activated.' }) activatedCommercePools: string[];
}

@ObjectType({ description: "A tenant's commerce pool: conditional credit restricted to organisations, product categories and a validity window." })
export class CommercePool {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Boolean) requiresActivation: boolean;
  @Field(() => [String]) organisationIds: string[];
  @Field(() => [String]) productCategoryIds: string[];
  @Field(() => Date, { nullable: true }) validFrom: Date | null;
  @Field(() => Date, { nullable: true }) validTo: Date | null;
  @Field(() => Boolean) isActive: boolean;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class CommercePoolPage {
  @Field(() => [CommercePool]) items: CommercePool[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'Postings summed per transaction type, entry and currency (decimal string).' })
export class LedgerTotal {
  @Field(() => String) type: string;
  @Field(() => String, { description: 'CREDIT or DEBIT.' }) entry: string;
  @Field(() => String) currency: string;
  @Field(() => String) amount: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'A credit of a wallet pocket, spent earliest expiry first: what is left of it and when it expires.' })
export class WalletLot {
  @Field(() => ID) id: string;
  @Field(() => ID) accountId: string;
  @Field(() => String) amount: string;
  @Field(() => String) remaining: string;
  @Field(() => String) currency: string;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Pending until this instant.' }) unlockAt: Date | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({ description: 'A wallet total in one currency over all its pockets.' })
export class WalletTotal {
  @Field(() => String) currency: string;
  @Field(() => String) balance: string;
  @Field(() => String, { nullable: true }) blocked: string | null;
  @Field(() => String, { nullable: true }) available: string | null;
}

@ObjectType({ description: "A contact's wallet: its 16-digit code and its pockets (ledger accounts)." })
export class Wallet {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { description: 'The currency it was opened in.' }) currency: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => [LedgerAccount], { description: 'Balances per pocket and commerce pool (as of the asOf argument of the query, if given).' })
  balances: LedgerAccount[];
  @Field(() => [WalletTotal]) totals: WalletTotal[];
  @Field(() => [WalletLot], { description: 'Credit that still holds something, earliest expiry first.' }) lots: WalletLot[];
  @Field(() => WalletSettings) settings: WalletSettings;
  @Field(() => [WalletLimitRule], { description: "The rules in force: the wallet's own, else the tenant's defaults." }) limitRules: WalletLimitRule[];
}

@ObjectType()
export class WalletPage {
  @Field(() => [Wallet]) items: Wallet[];
  @Field(() => Int) total: number;
}

@ObjectType({
  description: 'One posting: a transaction moves one account by a signed amount (+ CREDIT, - DEBIT); balanceAfter is the account balance after it.',
})
export class LedgerJournalEntry {
  @Field(() => ID) transactionId: string;
  @Field(() => ID) accountId: string;
  @Field(() => ID, { nullable: true }) walletId: string | null;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => String, { description: 'Transaction type: CREDIT, DEBIT, TRANSFER, CAPTURE, REVERSAL, EXPIRY, MANUAL_JOURNAL, AWARD, SPEND…' })
  type: string;
  @Field(() => String, { description: 'CREDIT or DEBIT.' }) entry: string;
  @Field(() => String, { description: 'Positive decimal.' }) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String) balanceAfter: string;
  @Field(() => Date) postedAt: Date;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => ID, { nullable: true }) reversesTransactionId: string | null;
}

@ObjectType()
export class LedgerJournalPage {
  @Field(() => [LedgerJournalEntry]) items: LedgerJournalEntry[];
  @Field(() => Int) total: number;
}

@InputType()
export class LedgerJournalFilter {
  @Field(() => ID, { nullable: true }) walletId?: string | null;
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) contactId?: string | null;
  @Field(() => ID, { nullable: true }) transactionId?: string | null;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => String, { nullable: true, description: 'CREDIT or DEBIT.' }) entry?: string | null;
  @Field(() => String, { nullable: true, description: 'WALLET (wallet pockets) or ACCOUNT (contact financial accounts).' }) entity?: string | null;
  @Field(() => [String], { nullable: true, description: 'Any of these transaction types.' }) types?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Any of these accounts (e.g. the pockets of a wallet).' }) accountIds?: string[] | null;
  @Field(() => Date, { nullable: true, description: 'Posted at or after.' }) postedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Posted at or before.' }) postedTo?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Oldest first (default newest first).' }) ascending?: boolean | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'The contact (owned by the contacts subgraph); the ledger contributes its wallet.' })
export class Contact {
  @Field(() => ID) id: string;
}
