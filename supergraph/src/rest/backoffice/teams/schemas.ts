import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/** A team (`GET /backoffice/v2/teams`, `/teams/{id}`). */
export const teamResponse = z.strictObject({ id: z.string(), name: z.string(), created_date: epoch, updated_date: epoch });

export const teamListResponse = z.strictObject({ content: z.array(teamResponse) });
