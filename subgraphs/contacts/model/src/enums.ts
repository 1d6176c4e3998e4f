import { registerEnumType } from 'type-graphql';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { ADDRESS_TYPES, CONTACT_TYPES, GENDERS, PHONE_TYPES } from '@crm/event-bus/contracts/contacts';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ContactType = asEnum(CONTACT_TYPES);
export const PhoneType = asEnum(PHONE_TYPES);
export const AddressType = asEnum(ADDRESS_TYPES);
export const Gender = asEnum(GENDERS);
export const CountryCode = asEnum(COUNTRY_CODES);

registerEnumType(ContactType, { name: 'ContactType', description: 'PERSON or COMPANY; fixed at creation.' });
registerEnumType(PhoneType, { name: 'PhoneType' });
registerEnumType(AddressType, { name: 'AddressType' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(CountryCode, { name: 'CountryCode', description: 'ISO 3166-1 alpha-3 country code.' });
