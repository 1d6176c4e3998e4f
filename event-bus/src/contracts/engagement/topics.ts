import { topicOf } from '../../envelope';

export const ENGAGEMENT_TOPIC = topicOf('engagement');
export const QUEUE_AGGREGATE = 'queue';
export const SERVICE_REQUEST_AGGREGATE = 'service_request';
export const ACTIVITY_AGGREGATE = 'activity';
export const COMMUNICATION_AGGREGATE = 'communication';
export const COMMUNICATION_TEMPLATE_AGGREGATE = 'communication_template';
export const APPROVAL_REQUEST_AGGREGATE = 'approval_request';
