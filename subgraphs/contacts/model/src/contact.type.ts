// The decorated classes below need the Reflect metadata API at load time; importing it here keeps
// every consumer of this package (write domain, read projection, tests) loadable on its own.
import 'reflect-metadata';
import { Directive, Field, ID, Int, ObjectType, Float } from 'type-graphql';
import { AddressType, ContactType, CountryCode, Gender, PhoneType } from './enums';

@ObjectType({ description: 'A phone number of a contact.' })
@Directive('@shareable')
export class Phone {
  @Field(() => ID) id: string;
  @Field(() => PhoneType) type: string;
  @Field(() => CountryCode) countryCode: string;
  @Field({ description: 'Subscriber number, digits only.' }) number: string;
  @Field() isPrimary: boolean;
}

@ObjectType({ description: 'A postal address of a contact.' })
@Directive('@shareable')
export class Address {
  @Field(() => ID) id: string;
  @Field(() => AddressType) type: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field() isPrimary: boolean;
  @Field({ description: 'Used for invoices and statements.' }) isBilling: boolean;
  @Field() addressLine1: string;
  @Field(() => String, { nullable: true }) addressLine2: string | null;
  @Field(() => String, { nullable: true }) stateProvinceCounty: string | null;
  @Field(() => String, { nullable: true }) townCity: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => CountryCode, { nullable: true }) countryCode: string | null;
  @Field(() => Float, { nullable: true }) lat: number | null;
  @Field(() => Float, { nullable: true }) lon: number | null;
  @Field(() => String, { nullable: true }) googlePlaceId: string | null;
}

@ObjectType()
@Directive('@shareable')
export class CalendarDate {
  @Field(() => Int) year: number;
  @Field(() => Int) month: number;
  @Field(() => Int) day: number;
}

@ObjectType()
@Directive('@shareable')
export class DayOfYear {
  @Field(() => Int) month: number;
  @Field(() => Int) day: number;
}

@ObjectType({ description: 'A passport or national id document.' })
@Directive('@shareable')
export class IdDocument {
  @Field() number: string;
  @Field(() => CountryCode) issuingCountryCode: string;
  @Field(() => Int, { description: 'Epoch seconds.' }) expirationDate: number;
}

@ObjectType()
@Directive('@shareable')
export class Demographics {
  @Field(() => Gender, { nullable: true }) gender: string | null;
  @Field(() => CalendarDate, { nullable: true }) dateOfBirth: CalendarDate | null;
  @Field(() => DayOfYear, { nullable: true }) nameDay: DayOfYear | null;
  @Field(() => IdDocument, { nullable: true }) passport: IdDocument | null;
  @Field(() => IdDocument, { nullable: true }) idDetails: IdDocument | null;
  @Field(() => String, { nullable: true }) statutoryNumber: string | null;
}

@ObjectType()
@Directive('@shareable')
export class CompanyProfile {
  @Field(() => String, { nullable: true }) registrationNumber: string | null;
  @Field(() => CountryCode, { nullable: true }) registrationCountry: string | null;
  @Field(() => String, { nullable: true }) taxReferenceNumber: string | null;
  @Field(() => String, { nullable: true }) vatRegistrationNumber: string | null;
  @Field(() => ID, { nullable: true }) industryId: string | null;
  @Field(() => [ID]) subIndustryIds: string[];
}

@ObjectType()
@Directive('@shareable')
export class CustomField {
  @Field() key: string;
  @Field() value: string;
}

@ObjectType({ description: 'A person or company the business has a relationship with.' })
@Directive('@key(fields: "id")')
@Directive('@shareable')
export class Contact {
  @Field(() => ID) id: string;
  @Field({ description: 'Tenant-unique code; usable wherever the id is.' }) code: string;
  @Field(() => ContactType) type: string;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) middleName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => String, { nullable: true }) companyName: string | null;
  @Field({ description: 'Company name, or first and last name.' }) displayName: string;
  @Field(() => CompanyProfile, { nullable: true }) companyProfile: CompanyProfile | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => [Phone]) phones: Phone[];
  @Field(() => [Address]) addresses: Address[];
  @Field(() => Demographics, { nullable: true }) demographics: Demographics | null;
  @Field(() => String, { nullable: true }) languageCode: string | null;
  @Field() smsOptOut: boolean;
  @Field() emailOptOut: boolean;
  @Field(() => CountryCode, { nullable: true }) countryOfAgreement: string | null;
  @Field() referralCode: string;
  @Field(() => [CustomField]) customFields: CustomField[];
  @Field(() => [String]) tags: string[];
  @Field(() => Int, { description: 'Increases with every change; pairs with consistency tokens.' }) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}
