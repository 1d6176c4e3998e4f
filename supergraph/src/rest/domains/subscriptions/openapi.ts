import { query } from '../../kit/openapi';
import { mergeFragments, type OpenApiFragment, type RestRoute } from '../../kit/resource';
import { addServicesBody, selfServiceAddServicesBody, changeServiceBody, changeSubscriptionBody, updateActionBody } from './bodies';
import {
  actionDetailResponse,
  actionPageResponse,
  actionResultResponse,
  addedServicesResponse,
  servicePageResponse,
  subscriptionPageResponse,
  subscriptionResponse,
} from './schemas';

const id = (name: string, what: string) => query(name, { type: 'string', minLength: 1, maxLength: 64 }, `Only those of this ${what} (a UUID).`);

/** The components every subscriptions resource names (identical in each family that registers them). */
export const subscriptionComponents: OpenApiFragment = {
  parameters: {
    ServiceState: query(
      'state',
      { type: 'string', enum: ['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'REGRETTED', 'CANCELLED', 'SWAPPED', 'REMOVED'] },
      'Only services in this state.',
    ),
    SubscriptionState: query('state', { type: 'string', enum: ['ACTIVE', 'INACTIVE', 'CHURNED'] }, 'Only subscriptions in this state.'),
    ActionState: query('state', { type: 'string', enum: ['SCHEDULED', 'EXECUTED', 'REJECTED', 'CANCELLED'] }, 'Only actions in this state.'),
    IsScheduled: query('is_scheduled', { type: 'boolean' }, 'true: only SCHEDULED actions; false: only the others.'),
    SubscriptionIdFilter: id('subscription_id', 'subscription'),
    ServiceIdFilter: id('service_id', 'service'),
    ContactIdFilter: id('contact_id', 'contact'),
  },
  requestSchemas: [
    { name: 'AddServicesRequest', schema: addServicesBody },
    { name: 'SelfServiceAddServicesRequest', schema: selfServiceAddServicesBody },
    { name: 'ChangeServiceRequest', schema: changeServiceBody },
    { name: 'ChangeSubscriptionRequest', schema: changeSubscriptionBody },
    { name: 'UpdateSubscriptionActionRequest', schema: updateActionBody },
  ],
  responseSchemas: [
    { name: 'ServicePage', schema: servicePageResponse },
    { name: 'Subscription', schema: subscriptionResponse },
    { name: 'SubscriptionPage', schema: subscriptionPageResponse },
    { name: 'SubscriptionActionPage', schema: actionPageResponse },
    { name: 'SubscriptionAction', schema: actionDetailResponse },
    { name: 'SubscriptionActionResult', schema: actionResultResponse },
    { name: 'AddedServices', schema: addedServicesResponse },
  ],
};

export const PAGED = ['Page', 'Size', 'IncludeTotal'];

/** The Back-Office tag of the subscriptions resources. */
export const BO_TAG = 'Back-office subscriptions';

/** What each Back-Office subscriptions resource registers: the shared components and its tag. */
export const backOfficeFragment: OpenApiFragment = mergeFragments(subscriptionComponents, {
  tags: [{ name: BO_TAG, description: "Contacts' subscriptions, services and subscription actions (the subscriptions domain)." }],
});

/**
 * A route maker for one Self-Service tag: paths under /self-service/v2, the tag and credentials of
 * every route of the tag, and who may call it appended to each description.
 */
export function selfServiceRoutes(tag: string, audience: RestRoute['doc']['audience'], who: string) {
  return (
    method: RestRoute['method'],
    path: string,
    handler: RestRoute['handler'],
    operations: RestRoute['operations'],
    doc: Omit<RestRoute['doc'], 'tag' | 'audience'>,
  ): RestRoute => ({
    method,
    path: `/self-service/v2${path}`,
    handler,
    operations,
    doc: { ...doc, description: `${doc.description ?? ''} ${who}`.trim(), tag, audience },
  });
}
