import { FileUploadedV1 } from './file-uploaded.v1';
import { FileDeletedV1 } from './file-deleted.v1';
import { CustomFieldDefinedV1 } from './custom-field-defined.v1';
import { CustomFieldChangedV1 } from './custom-field-changed.v1';
import { CustomFieldRemovedV1 } from './custom-field-removed.v1';
import { AttachmentAddedV1 } from './attachment-added.v1';
import { AttachmentRemovedV1 } from './attachment-removed.v1';
import { AppSettingsSetV1 } from './app-settings-set.v1';
import { AppSettingsRemovedV1 } from './app-settings-removed.v1';
import { ReferenceEntryDefinedV1 } from './reference-entry-defined.v1';
import { ReferenceEntryChangedV1 } from './reference-entry-changed.v1';
import { ReferenceEntryRemovedV1 } from './reference-entry-removed.v1';
import { LandingPageSetV1 } from './landing-page-set.v1';
import { LandingPageRemovedV1 } from './landing-page-removed.v1';
import { ContactImageSetV1 } from './contact-image-set.v1';
import { ContactImageRemovedV1 } from './contact-image-removed.v1';
import { ContactPreferenceSetV1 } from './contact-preference-set.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './file-shapes';
export * from './file-uploaded.v1';
export * from './file-deleted.v1';
export * from './custom-field-shapes';
export * from './custom-field-defined.v1';
export * from './custom-field-changed.v1';
export * from './custom-field-removed.v1';
export * from './attachment-added.v1';
export * from './attachment-removed.v1';
export * from './app-settings-shapes';
export * from './app-settings-set.v1';
export * from './app-settings-removed.v1';
export * from './reference-entry-shapes';
export * from './reference-entry-defined.v1';
export * from './reference-entry-changed.v1';
export * from './reference-entry-removed.v1';
export * from './landing-page-shapes';
export * from './landing-page-set.v1';
export * from './landing-page-removed.v1';
export * from './contact-profile-shapes';
export * from './contact-image-set.v1';
export * from './contact-image-removed.v1';
export * from './contact-preference-set.v1';

const fileEvents = [FileUploadedV1, FileDeletedV1] as const;
const customFieldEvents = [CustomFieldDefinedV1, CustomFieldChangedV1, CustomFieldRemovedV1] as const;
const attachmentEvents = [AttachmentAddedV1, AttachmentRemovedV1] as const;
const appSettingsEvents = [AppSettingsSetV1, AppSettingsRemovedV1] as const;
const referenceEntryEvents = [ReferenceEntryDefinedV1, ReferenceEntryChangedV1, ReferenceEntryRemovedV1] as const;
const landingPageEvents = [LandingPageSetV1, LandingPageRemovedV1] as const;
const contactProfileEvents = [ContactImageSetV1, ContactImageRemovedV1, ContactPreferenceSetV1] as const;

/** Every settings event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  ...fileEvents,
  ...customFieldEvents,
  ...attachmentEvents,
  ...appSettingsEvents,
  ...referenceEntryEvents,
  ...landingPageEvents,
  ...contactProfileEvents,
] as const;

/** The file aggregate's events. */
export type FileEvent = EventOf<(typeof fileEvents)[number]>;
/** The custom field aggregate's events. */
export type CustomFieldEvent = EventOf<(typeof customFieldEvents)[number]>;
/** The attachment aggregate's events. */
export type AttachmentEvent = EventOf<(typeof attachmentEvents)[number]>;
/** The app settings aggregate's events. */
export type AppSettingsEvent = EventOf<(typeof appSettingsEvents)[number]>;
/** The reference entry aggregate's events. */
export type ReferenceEntryEvent = EventOf<(typeof referenceEntryEvents)[number]>;
/** The landing page aggregate's events. */
export type LandingPageEvent = EventOf<(typeof landingPageEvents)[number]>;
/** The contact profile aggregate's events. */
export type ContactProfileEvent = EventOf<(typeof contactProfileEvents)[number]>;
/** Every settings event. */
export type SettingsEvent =
  | FileEvent
  | CustomFieldEvent
  | AttachmentEvent
  | AppSettingsEvent
  | ReferenceEntryEvent
  | LandingPageEvent
  | ContactProfileEvent;
