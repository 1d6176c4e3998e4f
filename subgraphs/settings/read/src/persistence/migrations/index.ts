import { CreateFileViews1800000000200 } from './1800000000200-create-file-views';
import { CreateCustomFieldViews1800000000201 } from './1800000000201-create-custom-field-views';
import { CreateAttachmentViews1800000000202 } from './1800000000202-create-attachment-views';
import { CreateAppSettingsAndReferenceViews1800000000203 } from './1800000000203-create-app-settings-and-reference-views';
import { CreateLandingPageAndContactProfileViews1800000000204 } from './1800000000204-create-landing-page-and-contact-profile-views';

export const migrations = [
  CreateFileViews1800000000200,
  CreateCustomFieldViews1800000000201,
  CreateAttachmentViews1800000000202,
  CreateAppSettingsAndReferenceViews1800000000203,
  CreateLandingPageAndContactProfileViews1800000000204,
];
