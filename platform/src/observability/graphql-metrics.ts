import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { annotateRequest } from '../logging/context';
import { graphqlErrors, graphqlOperationDuration } from './metrics';

/**
 * Apollo plugin: one `graphql_operation_duration_seconds` observation per operation (by type and
 * first root field: schema-bounded, unlike client-chosen operation names) and a
 * `graphql_errors_total` count per error code; the client's operation name goes to the access log.
 */
export function graphqlMetricsPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  const duration = graphqlOperationDuration();
  const errorCount = graphqlErrors();
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      if (request.operationName) annotateRequest({ operation: request.operationName.slice(0, 100) });
      let operationType = 'unknown';
      let rootField = '(invalid)';
      let resolved = false;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operationName && !request.operationName) annotateRequest({ operation: operationName.slice(0, 100) });
          if (!operation) return;
          resolved = true;
          operationType = operation.operation;
          const first = operation.selectionSet.selections[0];
          rootField = first?.kind === 'Field' ? first.name.value : '(fragment)';
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const e of errors) errorCount.inc({ service, code: String(e.extensions?.['code'] ?? 'UNKNOWN').slice(0, 64) });
          const outcome = !resolved ? 'invalid' : errors.length > 0 ? 'error' : 'ok';
          duration.observe(
            { service, operation_type: operationType, root_field: rootField, outcome },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };
}
