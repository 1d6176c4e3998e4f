import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { CreateFiles1800000000100 } from './1800000000100-create-files';
import { CreateCustomFields1800000000101 } from './1800000000101-create-custom-fields';
import { CreateAttachments1800000000102 } from './1800000000102-create-attachments';
import { CreateAppSettingsAndReferenceEntries1800000000103 } from './1800000000103-create-app-settings-and-reference-entries';
import { CreateLandingPagesAndContactProfiles1800000000104 } from './1800000000104-create-landing-pages-and-contact-profiles';

export const migrations = [
  CreateOutbox1733000000000,
  CreateIdempotencyKeys1733000000001,
  AddOutboxTraceparent1765100000000,
  CreateFiles1800000000100,
  CreateCustomFields1800000000101,
  CreateAttachments1800000000102,
  CreateAppSettingsAndReferenceEntries1800000000103,
  CreateLandingPagesAndContactProfiles1800000000104,
];
