import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A charity organisation donations go to.' })
export class CharityOrganisation {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
}

@ObjectType({ description: 'A donation offer: a charity organisation contacts can opt in to give to.' })
export class DonationOffer {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) shortDescription: string | null;
  @Field(() => String, { nullable: true }) longDescription: string | null;
  @Field(() => String, { nullable: true }) termsAndConditions: string | null;
  @Field(() => String, { description: 'PER_TRANSACTION, TERMED or VARIABLE.' }) donationType: string;
  @Field(() => String, { description: 'GIFT, DISCOUNT, BUNDLE or ONE_OFF.' }) offerType: string;
  @Field(() => String, { nullable: true, description: 'PER_TRANSACTION: ROUND_UP or PERCENT.' }) rule: string | null;
  @Field(() => String, { nullable: true }) percent: string | null;
  @Field(() => String, { nullable: true, description: 'TERMED: the amount given each month.' }) termedAmount: string | null;
  @Field(() => String) currency: string;
  @Field(() => CharityOrganisation) organisation: CharityOrganisation;
  @Field(() => String) state: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class DonationOfferPage {
  @Field(() => [DonationOffer]) items: DonationOffer[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'A contact’s opt-in to a donation offer, with what it has given so far.' })
export class ContactDonation {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) offerId: string;
  @Field(() => String, { nullable: true }) offerName: string | null;
  @Field(() => CharityOrganisation, { nullable: true }) organisation: CharityOrganisation | null;
  @Field(() => Boolean) optedIn: boolean;
  @Field(() => Date) optedInAt: Date;
  @Field(() => Date, { nullable: true }) optedOutAt: Date | null;
  @Field(() => Int) multiplier: number;
  @Field(() => String, { nullable: true, description: 'VARIABLE: the amount given on each purchase.' }) amount: string | null;
  @Field(() => String, { nullable: true }) currency: string | null;
  @Field(() => Int, { description: 'Donations debited so far.' }) donations: number;
  @Field(() => String, { description: 'Their total.' }) donated: string;
}

@ObjectType()
export class ContactDonationPage {
  @Field(() => [ContactDonation]) items: ContactDonation[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'One donation debited from a contact’s wallet.' })
export class DonationRecord {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) offerId: string;
  @Field(() => String) offerName: string;
  @Field(() => CharityOrganisation) organisation: CharityOrganisation;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true, description: 'POSTED, DECLINED, or null while pending.' }) outcome: string | null;
  @Field(() => String, { nullable: true }) transactionId: string | null;
  @Field(() => ID, { nullable: true, description: 'The purchase it was made for (per-transaction and variable donations).' }) purchaseId:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'The month (YYYY-MM) of a termed donation.' }) period: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class DonationRecordPage {
  @Field(() => [DonationRecord]) items: DonationRecord[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType()
export class ReferralAwardView {
  @Field(() => ID) offerId: string;
  @Field(() => String) amount: string;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true, description: 'POSTED, DECLINED, or null while pending.' }) outcome: string | null;
  @Field(() => String, { nullable: true }) transactionId: string | null;
}

@ObjectType({ description: 'A referral: the referred contact registered with the referrer’s code.' })
export class Referral {
  @Field(() => ID) id: string;
  @Field(() => ID) referrerId: string;
  @Field(() => ID) referredId: string;
  @Field(() => String) code: string;
  @Field(() => [ReferralAwardView]) awards: ReferralAwardView[];
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class ReferralPage {
  @Field(() => [Referral]) items: Referral[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}
