import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startLedgerRead } from './service';

/**
 * Standalone process: the ledger-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'ledger-read', envSchema, start: startLedgerRead });
