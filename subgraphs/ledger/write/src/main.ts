import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startLedgerWrite } from './service';

/** Standalone process (the shape Kubernetes runs): ledger-write subgraph + outbox relay. */
runService({ name: 'ledger-write', envSchema, start: startLedgerWrite });
