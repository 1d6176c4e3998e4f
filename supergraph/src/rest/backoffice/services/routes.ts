import { defineResource } from '../../kit/resource';
import { changeService, SUBSCRIPTION_OPERATIONS as OPS } from '../../domains/subscriptions/handlers';
import { backOfficeFragment, BO_TAG } from '../../domains/subscriptions/openapi';

const TAG = BO_TAG;

/** One service: its actions (the service state machine), now or scheduled. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'services',
  pathParameters: { id: 'DirectoryId' },
  openapi: backOfficeFragment,
  routes: [
    {
      method: 'PUT',
      path: '/backoffice/v2/services/:id',
      handler: changeService,
      operations: OPS.changeService,
      doc: {
        operationId: 'updateServiceBO',
        summary: 'Change a service',
        description:
          "ACTIVATE, DEACTIVATE, PAUSE, RESUME, CANCEL, REGRET (inside 14 days of the first activation) or CHANGE (to change_to_service: the service is SWAPPED for a new one). Now, at scheduled_date or at the engine's proposed date (use_proposed_date: the subscription's next billing date). A transition the service state does not allow: 409 naming the reason. Needs subscriptions.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'ChangeServiceRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The action; proposed_date when it is scheduled.', schema: 'SubscriptionActionResult' },
      },
    },
  ],
});
