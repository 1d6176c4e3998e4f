import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startBillingRead } from './service';

/**
 * Standalone process: the billing-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'billing-read', envSchema, start: startBillingRead });
