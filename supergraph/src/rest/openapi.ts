import { buildOpenApi } from './kit/openapi';
import { restResources } from './routes';

export { openApiPath } from './kit/openapi';

/** The facade's OpenAPI 3.1 document (schema/rest/openapi.json), assembled from every resource folder. */
export function buildRestOpenApi(): Record<string, unknown> {
  return buildOpenApi(restResources());
}
