import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

@InputType({ description: 'A webhook endpoint: where business events of the chosen types are POSTed, signed per Standard Webhooks.' })
export class WebhookInput {
  @Field(() => String, { description: 'http(s) URL on a public address (loopback only with WEBHOOKS_ALLOW_LOOPBACK), at most 2000 characters.' })
  url: string;
  @Field(() => [String], { description: 'Event types to deliver (e.g. contact.created), or `*` for every deliverable type; 1 to 100.' })
  events: string[];
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) description: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) enabled: boolean | null;
}

@ObjectType({ description: 'Result of a webhook endpoint mutation.' })
export class WebhookPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as `x-consistency-token` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Result of creating an endpoint or rotating its secret: the secret, shown this once.' })
export class WebhookSecretPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_…`); stored sealed, never shown again.' })
  secret: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'One event delivered (or being delivered) to one endpoint.' })
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The event id, sent as `webhook-id` on every attempt and replay.' }) eventId: string;
  @Field(() => String) eventType: string;
  @Field(() => String, { description: 'PENDING, SUCCEEDED or FAILED.' }) state: string;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when no answer came.' }) lastStatus: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt got no answer.' }) lastError: string | null;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({ description: 'A page of an endpoint delivery log, newest first.' })
export class WebhookDeliveryPage {
  @Field(() => Int) total: number;
  @Field(() => [WebhookDelivery]) content: WebhookDelivery[];
}
