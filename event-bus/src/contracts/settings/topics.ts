import { topicOf } from '../../envelope';

export const SETTINGS_TOPIC = topicOf('settings');
export const FILE_AGGREGATE = 'file';
export const CUSTOM_FIELD_AGGREGATE = 'custom_field';
export const ATTACHMENT_AGGREGATE = 'attachment';
export const APP_SETTINGS_AGGREGATE = 'app_settings';
export const REFERENCE_ENTRY_AGGREGATE = 'reference_entry';
export const LANDING_PAGE_AGGREGATE = 'landing_page';
/** A contact's profile extras kept by settings (image, preferred organisations); its id is the contact's. */
export const CONTACT_PROFILE_AGGREGATE = 'contact_profile';
