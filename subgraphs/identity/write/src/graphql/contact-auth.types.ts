import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';
import { SessionTokens } from './auth.types';

export enum ContactIdentityProvider {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
}
export enum OtpMethod {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}
registerEnumType(ContactIdentityProvider, { name: 'ContactIdentityProvider' });
registerEnumType(OtpMethod, { name: 'OtpMethod' });

@InputType()
export class PhoneIdentityInput {
  @Field({ description: 'ISO 3166-1 alpha-3.' }) countryCode: string;
  @Field() number: string;
}

@InputType()
export class RegisterContactInput {
  @Field() firstName: string;
  @Field() lastName: string;
  @Field(() => ContactIdentityProvider) provider: ContactIdentityProvider;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'With EMAIL: tokens at once. Without: a one-time code is sent first.' }) password?:
    | string
    | null;
  @Field(() => PhoneIdentityInput, { nullable: true }) phone?: PhoneIdentityInput | null;
  @Field(() => Boolean, { nullable: true }) smsOptOut?: boolean | null;
  @Field(() => Boolean, { nullable: true }) emailOptOut?: boolean | null;
  @Field(() => String, { nullable: true }) languageCode?: string | null;
}

@InputType()
export class AuthenticateContactInput {
  @Field(() => ContactIdentityProvider) provider: ContactIdentityProvider;
  @Field(() => String, { nullable: true, description: 'The email (EMAIL).' }) username?: string | null;
  @Field(() => String, { nullable: true, description: 'Without it, a one-time code is sent.' }) password?: string | null;
  @Field(() => PhoneIdentityInput, { nullable: true }) phone?: PhoneIdentityInput | null;
}

@InputType()
export class OtpCredentialInput {
  @Field(() => ContactIdentityProvider, { description: 'EMAIL or PHONE.' }) name: ContactIdentityProvider;
  @Field() value: string;
  @Field(() => String, { nullable: true, description: 'For PHONE: ISO 3166-1 alpha-3.' }) countryCode?: string | null;
}

@InputType()
export class AddContactIdentityInput {
  @Field(() => ContactIdentityProvider) provider: ContactIdentityProvider;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
  @Field(() => PhoneIdentityInput, { nullable: true }) phone?: PhoneIdentityInput | null;
}

@ObjectType({ description: 'Tokens, or the one-time code to validate first (authOtp).' })
export class ContactAuthPayload {
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => SessionTokens, { nullable: true }) tokens: SessionTokens | null;
  @Field() isVerified: boolean;
  @Field(() => ID, { nullable: true, description: 'Send with the code to validateContactOtp.' }) authOtp: string | null;
  @Field(() => String, { nullable: true, description: 'Where the code went, partly hidden.' }) obfuscatedValue: string | null;
  @Field(() => String, { nullable: true, description: 'x-consistency-token to read the new contact.' }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class DonePayload {
  @Field() ok: boolean;
  @Field(() => [UserError]) errors: UserError[];
}
