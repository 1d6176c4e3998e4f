import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ACTIVITY_STATES,
  LEVELS,
  PRIORITIES,
  SERVICE_REQUEST_STATES,
  type ActivityStateName,
  type Level,
  type Priority,
  type ServiceRequestStateName,
} from '@crm/event-bus/contracts/engagement';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const ServiceLevel = asEnum(LEVELS);
registerEnumType(ServiceLevel, { name: 'ServiceLevel', description: 'Urgency or impact: HIGH, MEDIUM or LOW.' });
export const ServicePriority = asEnum(PRIORITIES);
registerEnumType(ServicePriority, { name: 'ServicePriority', description: 'From urgency × impact.' });
export const ServiceRequestState = asEnum(SERVICE_REQUEST_STATES);
registerEnumType(ServiceRequestState, { name: 'ServiceRequestState', description: 'NEW → IN_PROGRESS → CLOSED.' });
export const ActivityState = asEnum(ACTIVITY_STATES);
registerEnumType(ActivityState, { name: 'ActivityState', description: 'PENDING → COMPLETED | CANCELLED.' });

@ObjectType({ description: 'A stage of a queue.' })
export class QueueStage {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Int, { description: '1-based position in the queue.' }) order: number;
  @Field(() => Boolean, { description: 'Reaching it closes the request.' }) isClosing: boolean;
}

@ObjectType({ description: 'A category of a queue.' })
export class QueueCategory {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType({ description: 'A service request queue: ordered stages (one or more closing), categories, default priority.' })
export class Queue {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => [QueueStage]) stages: QueueStage[];
  @Field(() => [QueueCategory]) categories: QueueCategory[];
  @Field(() => ServiceLevel) defaultUrgency: Level;
  @Field(() => ServiceLevel) defaultImpact: Level;
  @Field(() => ServicePriority) defaultPriority: Priority;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class ServiceRequestNote {
  @Field(() => ID) id: string;
  @Field(() => String) note: string;
  @Field(() => Boolean) pinned: boolean;
  @Field(() => String, { description: 'user, contact or service.' }) byKind: string;
  @Field(() => String, { nullable: true }) byId: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class ServiceRequestAttachment {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) fileId: string | null;
  @Field(() => String, { nullable: true }) link: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({ description: 'One line of the activity history: an event of the request.' })
export class ServiceRequestHistoryEntry {
  @Field(() => String, { description: 'The event type, e.g. service_request.progressed.' }) event: string;
  @Field(() => Date) at: Date;
  @Field(() => String) byKind: string;
  @Field(() => String, { nullable: true }) byId: string | null;
  @Field(() => ServiceRequestState) state: ServiceRequestStateName;
  @Field(() => ID) stageId: string;
  @Field(() => String, { nullable: true }) comment: string | null;
}

@ObjectType({ description: 'A service request (ticket).' })
export class ServiceRequest {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Numbered per tenant.' }) number: string;
  @Field(() => ID) contactId: string;
  @Field(() => ID) queueId: string;
  @Field(() => String, { nullable: true }) queueName: string | null;
  @Field(() => QueueStage, { nullable: true }) stage: QueueStage | null;
  @Field(() => ServiceRequestState) state: ServiceRequestStateName;
  @Field(() => Boolean, { nullable: true }) isResolved: boolean | null;
  @Field(() => String, { nullable: true }) closingComment: string | null;
  @Field(() => String) description: string;
  @Field(() => ServiceLevel) urgency: Level;
  @Field(() => ServiceLevel) impact: Level;
  @Field(() => ServicePriority) priority: Priority;
  @Field(() => [QueueCategory]) categories: QueueCategory[];
  @Field(() => ID, { nullable: true }) addressId: string | null;
  @Field(() => ID, { nullable: true }) assignedTeamId: string | null;
  @Field(() => ID, { nullable: true }) assignedUserId: string | null;
  @Field(() => [String]) tags: string[];
  @Field(() => [ServiceRequestNote], { description: 'Pinned first, then oldest first.' }) notes: ServiceRequestNote[];
  @Field(() => [ServiceRequestAttachment]) attachments: ServiceRequestAttachment[];
  @Field(() => [ServiceRequestHistoryEntry]) history: ServiceRequestHistoryEntry[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

@ObjectType()
export class ServiceRequestPage {
  @Field(() => [ServiceRequest]) items: ServiceRequest[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'An activity (task) for a contact, optionally on one of its service requests.' })
export class Activity {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ID) contactId: string;
  @Field(() => ID, { nullable: true }) serviceRequestId: string | null;
  @Field(() => ID, { nullable: true }) assignedTeamId: string | null;
  @Field(() => ID, { nullable: true }) assignedUserId: string | null;
  @Field(() => Date, { nullable: true }) dueAt: Date | null;
  @Field(() => ActivityState) state: ActivityStateName;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

@ObjectType()
export class ActivityPage {
  @Field(() => [Activity]) items: Activity[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'A communication sent (or not) to a recipient.' })
export class Communication {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'AD_HOC or the event that sent it (CONTACT_REGISTERED).' }) trigger: string;
  @Field(() => String, { description: 'EMAIL, SMS or INAPP.' }) channel: string;
  @Field(() => String) language: string;
  @Field(() => ID, { nullable: true }) contactId: string | null;
  @Field(() => String, { nullable: true }) recipient: string | null;
  @Field(() => String, { nullable: true }) sender: string | null;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field(() => String) content: string;
  @Field(() => String, { description: 'PENDING, COMPLETED, REJECTED (not sent: opted out, no address) or FAILED (the last attempt failed).' })
  state: string;
  @Field(() => String, { nullable: true, description: 'OPTED_OUT or NO_RECIPIENT, when REJECTED.' }) rejectedReason: string | null;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Boolean) viewed: boolean;
  @Field(() => Date, { nullable: true }) viewedAt: Date | null;
  @Field(() => Boolean) archived: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class CommunicationPage {
  @Field(() => [Communication]) items: Communication[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}

@ObjectType({ description: 'An action waiting for a contact’s approval.' })
export class ApprovalRequest {
  @Field(() => ID) id: string;
  @Field(() => ID) approverContactId: string;
  @Field(() => String, { description: 'REWARD_OFFERS, ORGANISATIONS, SERVICE_REQUESTS or ORDERS.' }) entityType: string;
  @Field(() => String) entityId: string;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => String, { description: 'PENDING, APPROVED or REJECTED.' }) state: string;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field(() => String, { nullable: true, description: 'LINK or ACTION, once decided.' }) decidedVia: string | null;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
}

@ObjectType()
export class ApprovalRequestPage {
  @Field(() => [ApprovalRequest]) items: ApprovalRequest[];
  @Field(() => Int) total: number;
  @Field(() => Boolean) hasMore: boolean;
}
