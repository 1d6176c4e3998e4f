import { join, resolve } from 'node:path';

/** The repository root (this file sits at supergraph/{src,dist}/contracts/). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The committed facts-only Self-Service contract (`npm run contracts:derive` writes it). */
export const SELF_SERVICE_CONTRACT = join(REPO_ROOT, 'schema/contracts/self-service-v2.contract.json');
