import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/** POST /backoffice/v2/orders. */
export const createOrderBody = z.strictObject({ name: z.string().min(1).max(100).describe('1 to 100 characters once trimmed.') });

/** GET /backoffice/v2/orders/{id}. */
export const orderResponse = z.strictObject({ id: z.string(), name: z.string(), created_date: epoch, updated_date: epoch });
