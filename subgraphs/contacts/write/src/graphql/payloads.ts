import { Field, ID, ObjectType } from 'type-graphql';
import { Address, Contact } from '@crm/contacts-model';
import { UserError } from '@crm/platform/graphql';

export { UserError };

@ObjectType({ description: 'Result of a contact mutation; `contact` is the state after the write.' })
export class ContactPayload {
  @Field(() => Contact, { nullable: true }) contact: Contact | null;
  @Field(() => String, {
    nullable: true,
    description: 'Send as `x-consistency-token` with a later query to read at least this write.',
  })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class ContactAddressPayload extends ContactPayload {
  @Field(() => Address, { nullable: true }) address: Address | null;
}

@ObjectType()
export class UnregisterContactPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
