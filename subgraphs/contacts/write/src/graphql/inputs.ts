import { Field, Float, InputType, Int } from 'type-graphql';
import { AddressType, ContactType, CountryCode, Gender, PhoneType } from '@crm/contacts-model';

@InputType()
export class PhoneInput {
  @Field(() => PhoneType) type: string;
  @Field(() => CountryCode) countryCode: string;
  @Field({ description: 'Subscriber number; spaces, dashes, dots and parentheses are stripped.' }) number: string;
  @Field(() => Boolean, { nullable: true, description: 'The first phone is primary when none is marked.' }) isPrimary?: boolean | null;
}

@InputType()
export class AddressInput {
  @Field(() => AddressType) type: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Marking an address primary unmarks the others.' }) isPrimary?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Marking an address billing unmarks the others.' }) isBilling?: boolean | null;
  @Field() addressLine1: string;
  @Field(() => String, { nullable: true }) addressLine2?: string | null;
  @Field(() => String, { nullable: true }) stateProvinceCounty?: string | null;
  @Field(() => String, { nullable: true }) townCity?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => CountryCode, { nullable: true }) countryCode?: string | null;
  @Field(() => Float, { nullable: true }) lat?: number | null;
  @Field(() => Float, { nullable: true }) lon?: number | null;
  @Field(() => String, { nullable: true }) googlePlaceId?: string | null;
}

@InputType()
export class CalendarDateInput {
  @Field(() => Int) year: number;
  @Field(() => Int) month: number;
  @Field(() => Int) day: number;
}

@InputType()
export class DayOfYearInput {
  @Field(() => Int) month: number;
  @Field(() => Int) day: number;
}

@InputType()
export class IdDocumentInput {
  @Field() number: string;
  @Field(() => CountryCode) issuingCountryCode: string;
  @Field(() => Int, { description: 'Epoch seconds.' }) expirationDate: number;
}

@InputType()
export class DemographicsInput {
  @Field(() => Gender, { nullable: true }) gender?: string | null;
  @Field(() => CalendarDateInput, { nullable: true }) dateOfBirth?: CalendarDateInput | null;
  @Field(() => DayOfYearInput, { nullable: true }) nameDay?: DayOfYearInput | null;
  @Field(() => IdDocumentInput, { nullable: true }) passport?: IdDocumentInput | null;
  @Field(() => IdDocumentInput, { nullable: true }) idDetails?: IdDocumentInput | null;
  @Field(() => String, { nullable: true }) statutoryNumber?: string | null;
}

@InputType()
export class CompanyProfileInput {
  @Field(() => String, { nullable: true }) registrationNumber?: string | null;
  @Field(() => CountryCode, { nullable: true }) registrationCountry?: string | null;
  @Field(() => String, { nullable: true }) taxReferenceNumber?: string | null;
  @Field(() => String, { nullable: true }) vatRegistrationNumber?: string | null;
  @Field(() => String, { nullable: true }) industryId?: string | null;
  @Field(() => [String], { nullable: true }) subIndustryIds?: string[] | null;
}

@InputType()
export class CustomFieldInput {
  @Field() key: string;
  @Field() value: string;
}

@InputType({ description: 'Profile fields; on update, an omitted field is left as is and null clears it.' })
export class ContactProfileInput {
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) middleName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) companyName?: string | null;
  @Field(() => CompanyProfileInput, { nullable: true }) companyProfile?: CompanyProfileInput | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [PhoneInput], { nullable: true, description: 'Replaces all phones.' }) phones?: PhoneInput[] | null;
  @Field(() => DemographicsInput, { nullable: true }) demographics?: DemographicsInput | null;
  @Field(() => String, { nullable: true, description: 'ISO 639 code, e.g. EN or ENG.' }) languageCode?: string | null;
  @Field(() => Boolean, { nullable: true }) smsOptOut?: boolean | null;
  @Field(() => Boolean, { nullable: true }) emailOptOut?: boolean | null;
  @Field(() => CountryCode, { nullable: true }) countryOfAgreement?: string | null;
  @Field(() => [CustomFieldInput], { nullable: true, description: 'Replaces all custom fields.' }) customFields?: CustomFieldInput[] | null;
}

@InputType()
export class CreateContactInput extends ContactProfileInput {
  @Field(() => ContactType) type: string;
  @Field(() => String, { nullable: true, description: 'Tenant-unique code; generated when omitted; immutable.' }) code?: string | null;
  @Field(() => [AddressInput], { nullable: true }) addresses?: AddressInput[] | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
}

@InputType()
export class UpdateContactInput extends ContactProfileInput {}
