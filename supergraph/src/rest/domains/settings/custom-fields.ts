import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '@crm/event-bus/contracts/settings';
import { AppError } from '@crm/platform/errors';
import { queryParams } from '../../kit/request';
import { op } from '../../kit/operation';
import { query } from '../../kit/openapi';
import type { RestContext } from '../../kit/context';

/** The custom field definitions of an entity (Back-Office and Self-Service lists). */
export const LIST_CUSTOM_FIELDS = op(
  'query',
  'RestListCustomFields',
  `query RestListCustomFields($entity: String!) { customFields(entity: $entity) { id entity key label field options mandatory tooltip visible createdAt updatedAt } }`,
);

export interface GqlCustomField {
  id: string;
  entity: string;
  key: string;
  label: string;
  field: string;
  options: string[];
  mandatory: boolean;
  tooltip: string | null;
  visible: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `?entity=` (required, one of the CRM.COM entities): 400 naming `entity` otherwise. */
export function entityQuery(ctx: RestContext): string {
  const entity = queryParams(ctx.url.searchParams, ['entity']).get('entity');
  if (!entity) throw AppError.validation('entity', 'is required', 'REQUIRED');
  if (!(CUSTOM_FIELD_ENTITIES as readonly string[]).includes(entity)) {
    throw AppError.validation('entity', `must be one of ${CUSTOM_FIELD_ENTITIES.join(', ')}`, 'INVALID_ENUM');
  }
  return entity;
}

export const ENTITY_QUERY = query(
  'entity',
  { type: 'string', enum: [...CUSTOM_FIELD_ENTITIES] },
  'The entity whose custom fields to list (required).',
);

/** One definition as the Self-Service contract names it (`options` and `mandatory` added: a form needs them). */
export const customFieldItem = z.strictObject({
  id: z.string(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  field: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()).describe('The allowed values of a SELECTION or RADIO_BUTTONS field (empty otherwise).'),
  mandatory: z.boolean(),
  tooltip: z.string().optional(),
  visible: z.boolean(),
});

export function customFieldOut(f: GqlCustomField): z.infer<typeof customFieldItem> {
  return {
    id: f.id,
    entity: f.entity as z.infer<typeof customFieldItem>['entity'],
    key: f.key,
    label: f.label,
    field: f.field as z.infer<typeof customFieldItem>['field'],
    options: f.options,
    mandatory: f.mandatory,
    ...(f.tooltip ? { tooltip: f.tooltip } : {}),
    visible: f.visible,
  };
}
