import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      throw new TypeError('AutomationValue literals cannot use variables inside');
  }
}

/** Any JSON value: a condition's value, an action, an event's data (checked by the automation rules, field by field). */
export const AutomationValue = new GraphQLScalarType({
  name: 'AutomationValue',
  description: 'A JSON value (a condition value, an action object, an event data object).',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literal,
});

@InputType({ description: 'One filter of an automation: the event data at `field` (a dot path) compared with `value`.' })
export class AutomationConditionInput {
  @Field(() => String) field: string;
  @Field(() => String, { description: 'EQUALS, NOT_EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, GT, GTE, LT, LTE or IN.' }) operator: string;
  @Field(() => AutomationValue, { nullable: true, description: 'A string, number, boolean or null; a list for IN.' }) value: unknown;
}

@InputType({ description: 'An automation: an event type, filters, and ordered actions run once per matching event.' })
export class AutomationInput {
  @Field(() => String, { description: '1 to 200 characters.' }) name: string;
  @Field(() => String, { description: 'The event type that triggers it (e.g. contact.created).' }) event: string;
  @Field(() => [AutomationConditionInput], { nullable: true, description: 'All must pass; at most 20.' }) conditions:
    | AutomationConditionInput[]
    | null;
  @Field(() => [AutomationValue], {
    description:
      'Ordered actions, 1 to 10: {type: WEBHOOK, webhookId}, {type: ACTIVITY, name, description?, dueInDays?}, {type: ADAPTER, adapter: SENDGRID|MIXPANEL|GA4|TWILIO, params}.',
  })
  actions: unknown[];
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) enabled: boolean | null;
}

@ObjectType({ description: 'Result of an automation mutation.' })
export class AutomationPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'One filter of an automation.' })
export class AutomationCondition {
  @Field(() => String) field: string;
  @Field(() => String) operator: string;
  @Field(() => AutomationValue, { nullable: true }) value: unknown;
}

@ObjectType({ description: 'An automation of the tenant.' })
export class Automation {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) event: string;
  @Field(() => [AutomationCondition]) conditions: AutomationCondition[];
  @Field(() => [AutomationValue], { description: 'The ordered actions (objects with a type).' }) actions: unknown[];
  @Field(() => Boolean) enabled: boolean;
  @Field(() => Int) version: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A page of automations, newest first.' })
export class AutomationPage {
  @Field(() => Int) total: number;
  @Field(() => [Automation]) content: Automation[];
}

@InputType({ description: 'A sample event for a dry run.' })
export class DryRunEventInput {
  @Field(() => String) type: string;
  @Field(() => AutomationValue, { nullable: true, description: 'The entity the event is about (what conditions read).' }) data: unknown;
}

@ObjectType({ description: 'One condition of a dry run: what it compared and whether it passed.' })
export class DryRunCondition {
  @Field(() => String) field: string;
  @Field(() => String) operator: string;
  @Field(() => AutomationValue, { nullable: true }) value: unknown;
  @Field(() => AutomationValue, { nullable: true, description: 'The value found in the event data (null when none).' }) actual: unknown;
  @Field(() => Boolean) passed: boolean;
}

@ObjectType({ description: 'What an automation would do for an event; nothing was run.' })
export class DryRunResult {
  @Field(() => Boolean, { description: 'The event is of the automation trigger type.' }) eventMatched: boolean;
  @Field(() => Boolean, { description: 'The type matches and every condition passes.' }) matched: boolean;
  @Field(() => [DryRunCondition]) conditions: DryRunCondition[];
  @Field(() => [AutomationValue], { description: 'The actions that would run, in order (empty unless matched).' }) actions: unknown[];
}

@ObjectType({ description: 'One action of an automation run for one event: its outcome.' })
export class AutomationRun {
  @Field(() => ID) id: string;
  @Field(() => ID) eventId: string;
  @Field(() => String) eventType: string;
  @Field(() => Int) actionIndex: number;
  @Field(() => String) actionType: string;
  @Field(() => String, { description: 'PENDING, RUNNING, SUCCEEDED or FAILED.' }) state: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) outcome: string | null;
  @Field(() => String, { nullable: true, description: 'What the action created or targeted (activity id, endpoint id, provider message id).' })
  resultId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@ObjectType({ description: 'A page of an automation runs, newest first.' })
export class AutomationRunPage {
  @Field(() => Int) total: number;
  @Field(() => [AutomationRun]) content: AutomationRun[];
}

@ObjectType({ description: 'A business event of the tenant as seen on the event stream.' })
export class BusinessEvent {
  @Field(() => ID) id: string;
  @Field(() => String) type: string;
  @Field(() => String) aggregateType: string;
  @Field(() => ID) aggregateId: string;
  @Field(() => Date) occurredAt: Date;
  @Field(() => AutomationValue) data: unknown;
}

@ObjectType({ description: 'A page of business events, newest first.' })
export class BusinessEventPage {
  @Field(() => Int) total: number;
  @Field(() => [BusinessEvent]) content: BusinessEvent[];
}

@ObjectType({ description: 'How many entries of one kind an import created, changed or left as they were.' })
export class ImportCounts {
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
}

@ObjectType({ description: 'The signing secret of an endpoint an import created (shown this once).' })
export class ImportedSecret {
  @Field(() => String) url: string;
  @Field(() => ID) id: string;
  @Field(() => String) secret: string;
}

@ObjectType({ description: 'What an import of the integrations document did.' })
export class IntegrationsImportResult {
  @Field(() => ImportCounts) webhooks: ImportCounts;
  @Field(() => ImportCounts) automations: ImportCounts;
  @Field(() => [ImportedSecret]) secrets: ImportedSecret[];
}

@ObjectType({ description: 'A provider adapter of the tenant: its settings (its credentials are sealed and never readable).' })
export class IntegrationAdapter {
  @Field(() => String, { description: 'SENDGRID, MIXPANEL, GA4 or TWILIO.' }) kind: string;
  @Field(() => AutomationValue, { description: 'Non-secret settings (base_url, from_email, from_number, measurement_id …).' }) settings: unknown;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}
