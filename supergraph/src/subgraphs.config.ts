import { printContactsWriteSdl } from '@crm/contacts-write';
import { printContactsReadSdl } from '@crm/contacts-read';
import { printIdentityWriteSdl } from '@crm/identity-write';
import { printIdentityReadSdl } from '@crm/identity-read';

/** THE list of subgraphs: composition, the gateway and the launcher all read it. */
export interface SubgraphDefinition {
  name: string;
  /** Env var the gateway reads for the subgraph's URL in a multi-process deployment. */
  urlEnv: string;
  defaultPort: number;
  printSdl: () => Promise<string>;
}

export const SUBGRAPHS: SubgraphDefinition[] = [
  { name: 'contacts-write', urlEnv: 'CONTACTS_WRITE_URL', defaultPort: 4101, printSdl: printContactsWriteSdl },
  { name: 'contacts-read', urlEnv: 'CONTACTS_READ_URL', defaultPort: 4102, printSdl: printContactsReadSdl },
  { name: 'identity-write', urlEnv: 'IDENTITY_WRITE_URL', defaultPort: 4103, printSdl: printIdentityWriteSdl },
  { name: 'identity-read', urlEnv: 'IDENTITY_READ_URL', defaultPort: 4104, printSdl: printIdentityReadSdl },
];
