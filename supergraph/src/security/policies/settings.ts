import type { DomainPolicy } from '../policy-table';

/**
 * Who may get past authorization on the settings root fields: holders of settings.read /
 * settings.write (owner, admin, the admin secret key) and contacts for their own files (the file
 * commands and queries then scope a contact to the files it uploaded); anyone holding the tenant's
 * public key reads an application's public configuration.
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
  // application configurations: an app reads its own with the public key alone; contacts read its integrations and links
  'Query.appSettingsByPlatformAppId': ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact', 'anonymous'],
  'Query.appSettings': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.appSettingsList': ['owner', 'admin', 'secret_key'],
  'Mutation.createAppSettings': ['owner', 'admin', 'secret_key'],
  'Mutation.replaceAppSettings': ['owner', 'admin', 'secret_key'],
  'Mutation.removeAppSettings': ['owner', 'admin', 'secret_key'],
  // reference lists (tags, languages, name-day rules, industries, …): managed in the Back-Office, read by contacts
  'Query.referenceEntries': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.referenceEntry': ['owner', 'admin', 'secret_key'],
  'Mutation.defineReferenceEntry': ['owner', 'admin', 'secret_key'],
  'Mutation.changeReferenceEntry': ['owner', 'admin', 'secret_key'],
  'Mutation.removeReferenceEntry': ['owner', 'admin', 'secret_key'],
  // address lookup (Google Places) for contacts' address forms
  'Query.addressSuggestions': ['owner', 'admin', 'secret_key', 'contact'],
  'Query.addressDetails': ['owner', 'admin', 'secret_key', 'contact'],
  // landing pages: managed in the Back-Office; a visitor opens an ACTIVE one with the public key alone
  'Query.publicLandingPage': ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact', 'anonymous'],
  'Query.landingPage': ['owner', 'admin', 'secret_key'],
  'Query.landingPages': ['owner', 'admin', 'secret_key'],
  'Mutation.createLandingPage': ['owner', 'admin', 'secret_key'],
  'Mutation.replaceLandingPage': ['owner', 'admin', 'secret_key'],
  'Mutation.removeLandingPage': ['owner', 'admin', 'secret_key'],
  // contact profile extras (image, preferred organisations) and media upload signatures: a contact for itself
  'Query.contactProfile': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.setContactImage': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.removeContactImage': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.setContactPreference': ['owner', 'admin', 'secret_key', 'contact'],
  'Mutation.signMediaUpload': ['owner', 'admin', 'secret_key', 'contact'],
};
