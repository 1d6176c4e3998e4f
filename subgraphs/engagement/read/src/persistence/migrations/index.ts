import { CreateEngagementViews1800000000200 } from './1800000000200-create-engagement-views';
import { CreateActivityViews1800000000201 } from './1800000000201-create-activity-views';
import { CreateCommunicationViews1800000000202 } from './1800000000202-create-communication-views';
import { CreateApprovalRequestViews1800000000203 } from './1800000000203-create-approval-request-views';

export const migrations = [
  CreateEngagementViews1800000000200,
  CreateActivityViews1800000000201,
  CreateCommunicationViews1800000000202,
  CreateApprovalRequestViews1800000000203,
];
