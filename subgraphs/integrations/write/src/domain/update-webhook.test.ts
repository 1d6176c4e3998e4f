import { describe, it } from 'node:test';
import { updateWebhook } from './update-webhook';
import { created, ID, settings, spec } from './decider-test-kit';

describe('updateWebhook', () => {
  it('updates only when something changed, and refuses an endpoint that does not exist or was deleted', () => {
    spec(updateWebhook).given(created).when({ id: ID, settings }).then([]);
    spec(updateWebhook)
      .given(created)
      .when({ id: ID, settings: { ...settings, enabled: false } })
      .then([{ type: 'webhook_endpoint.updated', data: { ...settings, enabled: false } }]);
    spec(updateWebhook).given().when({ id: ID, settings }).thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
    spec(updateWebhook)
      .given(created, { type: 'webhook_endpoint.deleted', data: {} })
      .when({ id: ID, settings })
      .thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
  });
});
