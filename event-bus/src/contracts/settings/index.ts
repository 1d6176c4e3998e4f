import { FileUploadedV1 } from './file-uploaded.v1';
import { FileDeletedV1 } from './file-deleted.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './file-shapes';
export * from './file-uploaded.v1';
export * from './file-deleted.v1';

const fileEvents = [FileUploadedV1, FileDeletedV1] as const;

/** Every settings event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [...fileEvents] as const;

/** The file aggregate's events. */
export type FileEvent = EventOf<(typeof fileEvents)[number]>;
