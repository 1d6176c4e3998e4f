import { topicOf } from '../../envelope';

export const CONTACTS_TOPIC = topicOf('contacts');
export const CONTACT_AGGREGATE = 'contact';
