import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startIntegrationsRead } from './service';

/**
 * Standalone process: the integrations-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'integrations-read', envSchema, start: startIntegrationsRead });
