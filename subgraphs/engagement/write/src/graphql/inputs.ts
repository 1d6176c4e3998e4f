import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { LEVELS, type Level } from '@crm/event-bus/contracts/engagement';

/** A GraphQL enum object of string values. */
export const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const ServiceLevel = asEnum(LEVELS);
registerEnumType(ServiceLevel, { name: 'ServiceLevel', description: 'Urgency or impact: HIGH, MEDIUM or LOW.' });
export const ServiceRequestAction = asEnum(['START_PROGRESS', 'PROGRESS'] as const);
registerEnumType(ServiceRequestAction, { name: 'ServiceRequestAction' });

@InputType()
export class QueueStageInput {
  @Field(() => String) name: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Reaching a closing stage closes the request.' }) isClosing: boolean;
}

@InputType()
export class QueueCategoryInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@InputType()
export class CreateQueueInput {
  @Field(() => String, { description: '1 to 100 characters once trimmed; unique in the tenant.' }) name: string;
  @Field(() => [QueueStageInput], { description: 'In order: at least one open and one closing stage, at most 20.' }) stages: QueueStageInput[];
  @Field(() => [QueueCategoryInput], { defaultValue: [] }) categories: QueueCategoryInput[];
  @Field(() => ServiceLevel, { nullable: true, description: 'Default MEDIUM.' }) defaultUrgency: Level | null;
  @Field(() => ServiceLevel, { nullable: true, description: 'Default MEDIUM.' }) defaultImpact: Level | null;
}

@InputType()
export class RaiseServiceRequestInput {
  @Field(() => ID) contactId: string;
  @Field(() => ID) queueId: string;
  @Field(() => String, { description: '1 to 2000 characters once trimmed.' }) description: string;
  @Field(() => ServiceLevel, { nullable: true, description: 'Default: the queue’s.' }) urgency: Level | null;
  @Field(() => ServiceLevel, { nullable: true, description: 'Default: the queue’s.' }) impact: Level | null;
  @Field(() => [ID], { defaultValue: [], description: 'Categories of the queue.' }) categoryIds: string[];
  @Field(() => ID, { nullable: true, description: 'An address of the contact.' }) addressId: string | null;
}

@InputType()
export class ServiceRequestActionInput {
  @Field(() => ServiceRequestAction) action: 'START_PROGRESS' | 'PROGRESS';
  @Field(() => ID, { nullable: true, description: 'Without it PROGRESS moves to the next stage (with isResolved: to the first closing stage).' })
  stageId: string | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => String, { nullable: true }) closingComment: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Required when the request reaches a closing stage.' }) isResolved: boolean | null;
}

@InputType()
export class AssignServiceRequestInput {
  @Field(() => ID, { nullable: true, description: 'A team of identity.' }) teamId: string | null;
  @Field(() => ID, { nullable: true, description: 'A user of identity.' }) userId: string | null;
}

@InputType()
export class ServiceRequestAttachmentInput {
  @Field(() => String, { nullable: true, description: 'A stored file’s id (exactly one of fileId and link).' }) fileId: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) URL.' }) link: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
}

export const ActivityClosingState = asEnum(['COMPLETED', 'CANCELLED'] as const);
registerEnumType(ActivityClosingState, { name: 'ActivityClosingState' });

@InputType()
export class CreateActivityInput {
  @Field(() => String, { description: '1 to 200 characters once trimmed.' }) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ID, { nullable: true, description: 'The contact; may be left out with serviceRequestId (then the request’s contact).' })
  contactId: string | null;
  @Field(() => ID, { nullable: true }) serviceRequestId: string | null;
  @Field(() => ID, { nullable: true }) teamId: string | null;
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field(() => Date, { nullable: true }) dueAt: Date | null;
}

@InputType({ description: 'The fields given replace the current ones (null clears); state completes or cancels the activity.' })
export class UpdateActivityInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => Date, { nullable: true }) dueAt?: Date | null;
  @Field(() => ActivityClosingState, { nullable: true }) state?: 'COMPLETED' | 'CANCELLED' | null;
}
