import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startCatalogueRead } from './service';

/**
 * Standalone process: the catalogue-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'catalogue-read', envSchema, start: startCatalogueRead });
