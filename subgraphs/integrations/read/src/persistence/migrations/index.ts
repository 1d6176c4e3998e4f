import { CreateWebhookViews1800000000200 } from './1800000000200-create-webhook-views';

export const migrations = [CreateWebhookViews1800000000200];
