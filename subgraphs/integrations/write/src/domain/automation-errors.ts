import { AppError } from '@crm/platform/errors';

/** The automation was deleted or never existed for this tenant. */
export const automationNotFound = (id: string) => new AppError('NOT_FOUND', `automation ${id} was not found`, { reason: 'AUTOMATION_NOT_FOUND' });
