import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startOrdersRead } from './service';

/**
 * Standalone process: the orders-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'orders-read', envSchema, start: startOrdersRead });
