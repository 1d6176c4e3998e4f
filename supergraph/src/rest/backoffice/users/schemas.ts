import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

/** A back-office user (`GET /backoffice/v2/users`, `GET /backoffice/v2/users/{id}`). */
export const userResponse = z.strictObject({
  id: z.string(),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  roles: z.array(z.strictObject({ id: z.string(), name: z.string() })).describe('The roles the user holds (deleted roles left out)'),
  teams: z.array(z.strictObject({ id: z.string(), name: z.string() })).describe('The teams the user is in'),
  created_date: epoch,
  updated_date: epoch,
});

export const userPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(userResponse) });
