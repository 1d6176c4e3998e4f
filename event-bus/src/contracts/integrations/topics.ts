import { topicOf } from '../../envelope';

export const INTEGRATIONS_TOPIC = topicOf('integrations');
/** A tenant's webhook endpoint (a URL that receives the business events it subscribes to). */
export const WEBHOOK_AGGREGATE = 'webhook_endpoint';
/** A tenant's automation (event → conditions → ordered actions). */
export const AUTOMATION_AGGREGATE = 'automation';
/** A tenant's provider adapter (Sendgrid, Mixpanel, GA4, Twilio): settings and sealed credentials. */
export const ADAPTER_AGGREGATE = 'integration_adapter';
