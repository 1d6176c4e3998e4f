import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the engagement root fields: holders of engagement.read /
 * engagement.write / engagement.manage (owner, admin, the admin secret key; the built-in agent role
 * does not hold them), plus a signed-in contact on the `self` fields (ownership is checked after).
 */
const STAFF: Caller[] = ['owner', 'admin', 'secret_key'];
const STAFF_AND_CONTACT: Caller[] = [...STAFF, 'contact'];

export const policy: DomainPolicy = {
  'Query.queues': STAFF_AND_CONTACT,
  'Query.queue': STAFF_AND_CONTACT,
  'Query.serviceRequest': STAFF_AND_CONTACT,
  'Query.serviceRequests': STAFF_AND_CONTACT,
  'Mutation.createQueue': STAFF,
  'Mutation.raiseServiceRequest': STAFF_AND_CONTACT,
  'Mutation.actOnServiceRequest': STAFF,
  'Mutation.assignServiceRequest': STAFF,
  'Mutation.setServiceRequestCategories': STAFF,
  'Mutation.setServiceRequestTags': STAFF,
  'Mutation.addServiceRequestNote': STAFF_AND_CONTACT,
  'Mutation.addServiceRequestAttachment': STAFF_AND_CONTACT,
  'Mutation.removeServiceRequestAttachment': STAFF_AND_CONTACT,
  'Query.activity': STAFF,
  'Query.activities': STAFF,
  'Mutation.createActivity': STAFF,
  'Mutation.updateActivity': STAFF,
};
