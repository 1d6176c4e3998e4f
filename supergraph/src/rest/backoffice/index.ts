import type { RestResource } from '../kit/resource';
import { resourcesIn } from '../kit/discover';

/** The /backoffice/v2 resources: every folder here with a `routes` module (discovered: adding one edits nothing else). */
export const backofficeResources: RestResource[] = resourcesIn(__dirname);
