import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/** An organisation of the business hierarchy (`GET /backoffice/v2/organisations`). */
export const organisationResponse = z.strictObject({
  id: z.string(),
  parent_id: z.string().optional().describe('Omitted for the business itself'),
  type: z.enum(['BUSINESS', 'MERCHANT', 'VENUE']),
  name: z.string(),
  created_date: epoch,
});

export const organisationListResponse = z.strictObject({ content: z.array(organisationResponse) });
