import type { DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the settings root fields: holders of settings.read /
 * settings.write (owner, admin, the admin secret key) and contacts for their own files (the file
 * commands and queries then scope a contact to the files it uploaded).
 */
export const policy: DomainPolicy = {
  'Query.file': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.fileContent': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.uploadFile': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.deleteFile': ['owner', 'admin', 'secret_key', 'contact'],
  // custom field definitions: managed in the Back-Office, read by contacts to build their forms
  'Query.customFields': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.customField': ['owner', 'admin', 'secret_key'],
  'Mutation.defineCustomField': ['owner', 'admin', 'secret_key'],
  'Mutation.changeCustomField': ['owner', 'admin', 'secret_key'],
  'Mutation.removeCustomField': ['owner', 'admin', 'secret_key'],
  // contact attachments: a contact for itself (checked after authorization), users and keys with settings.*
  'Query.contactAttachments': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.addContactAttachment': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.removeContactAttachment': ['owner', 'admin', 'secret_key', 'contact'],
};
