import { describe, it } from 'node:test';
import { deleteWebhook } from './delete-webhook';
import { created, ID, spec } from './decider-test-kit';

describe('deleteWebhook', () => {
  it('deletes once', () => {
    spec(deleteWebhook)
      .given(created)
      .when({ id: ID })
      .then([{ type: 'webhook_endpoint.deleted', data: {} }]);
    spec(deleteWebhook)
      .given(created, { type: 'webhook_endpoint.deleted', data: {} })
      .when({ id: ID })
      .thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
  });
});
