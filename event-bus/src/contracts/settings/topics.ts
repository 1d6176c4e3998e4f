import { topicOf } from '../../envelope';

export const SETTINGS_TOPIC = topicOf('settings');
export const FILE_AGGREGATE = 'file';
export const CUSTOM_FIELD_AGGREGATE = 'custom_field';
export const ATTACHMENT_AGGREGATE = 'attachment';
