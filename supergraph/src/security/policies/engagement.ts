import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the engagement root fields: holders of engagement.read
 * (owner, admin, the admin secret key, agent, read_only), engagement.write (owner, admin, the
 * secret key, agent) or engagement.manage (owner, admin, the secret key), plus a signed-in contact
 * on the `self` fields (ownership is checked after).
 */
const MANAGERS: Caller[] = ['owner', 'admin', 'secret_key'];
const WRITERS: Caller[] = [...MANAGERS, 'agent'];
const READERS: Caller[] = [...WRITERS, 'read_only'];
const READERS_AND_CONTACT: Caller[] = [...READERS, 'contact'];
const WRITERS_AND_CONTACT: Caller[] = [...WRITERS, 'contact'];

export const policy: DomainPolicy = {
  'Query.queues': READERS_AND_CONTACT,
  'Query.queue': READERS_AND_CONTACT,
  'Query.serviceRequest': READERS_AND_CONTACT,
  'Query.serviceRequests': READERS_AND_CONTACT,
  'Mutation.createQueue': MANAGERS,
  'Mutation.raiseServiceRequest': WRITERS_AND_CONTACT,
  'Mutation.actOnServiceRequest': WRITERS,
  'Mutation.assignServiceRequest': WRITERS,
  'Mutation.setServiceRequestCategories': WRITERS,
  'Mutation.setServiceRequestTags': WRITERS,
  'Mutation.addServiceRequestNote': WRITERS_AND_CONTACT,
  'Mutation.addServiceRequestAttachment': WRITERS_AND_CONTACT,
  'Mutation.removeServiceRequestAttachment': WRITERS_AND_CONTACT,
  'Query.activity': READERS,
  'Query.activities': READERS,
  'Mutation.createActivity': WRITERS,
  'Mutation.updateActivity': WRITERS,
  'Query.communication': READERS_AND_CONTACT,
  'Query.communications': READERS_AND_CONTACT,
  'Mutation.sendCommunication': WRITERS,
  'Mutation.markCommunication': WRITERS_AND_CONTACT,
  'Mutation.setCommunicationTemplate': MANAGERS,
  'Query.approvalRequest': READERS_AND_CONTACT,
  'Query.approvalRequests': READERS_AND_CONTACT,
  'Query.approvalLink': READERS_AND_CONTACT,
  'Mutation.requestApproval': WRITERS,
  'Mutation.decideApprovalRequest': WRITERS_AND_CONTACT,
  'Mutation.decideApprovalByLink': WRITERS_AND_CONTACT,
};
