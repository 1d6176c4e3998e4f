import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

@ObjectType({ description: 'Result of a catalogue mutation: the id of what it created or changed.' })
export class CataloguePayload {
  @Field(() => ID, {
    nullable: true,
    description: 'For addProductPrice the price id (the `price_terms_id` clients send); for addProductComponent the component id.',
  })
  id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
