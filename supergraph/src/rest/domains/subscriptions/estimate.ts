import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { queryParams } from '../../kit/request';
import { epoch } from '../../kit/response-schemas';
import { op } from '../../kit/operation';

const opaqueId = z.string().min(1).max(64);
const ref = z.strictObject({ id: z.string().min(1).max(64) });

/** POST /estimates/service_delivery: the contract's body (term, component and pass changes are not served: 400). */
export const serviceDeliveryBody = z.strictObject({
  action: z.enum(['NEW', 'CANCEL', 'REGRET', 'UPGRADE', 'DOWNGRADE', 'PAUSE', 'RESUME', 'CHANGE', 'ACTIVATE']),
  contact_id: opaqueId.optional(),
  account_id: opaqueId.optional(),
  subscription_id: opaqueId.optional(),
  organisation_id: opaqueId.optional(),
  scheduled_date: z.int().min(0).max(253402300799).optional(),
  services_to_add: z
    .array(z.strictObject({ product_id: opaqueId, price_terms_id: opaqueId.optional(), quantity: z.int().min(1).max(10000).optional() }))
    .max(50)
    .optional(),
  services_to_remove: z.array(ref).max(50).optional(),
  services_to_update: z.array(ref).max(50).optional(),
  services_to_change: z
    .array(
      z.strictObject({
        from_service_id: opaqueId,
        to_service_product_id: opaqueId.optional(),
        to_price_terms_id: opaqueId.optional(),
        to_quantity: z.int().min(1).max(10000).optional(),
      }),
    )
    .max(50)
    .optional(),
});

const productRef = z.strictObject({ id: z.string() });
const SERVICE_STATES = ['DRAFT', 'EFFECTIVE', 'NOT_EFFECTIVE', 'PAUSED', 'REGRETTED', 'CANCELLED', 'SWAPPED', 'REMOVED'] as const;

/** 201 of POST /estimates/service_delivery (no billing amounts: billing is not served yet). */
export const serviceDeliveryResponse = z.strictObject({
  service_delivery_estimate: z.array(
    z.strictObject({
      action_allowed: z.boolean(),
      allowed_execution_on: epoch,
      next_billing_at: epoch.optional(),
      services_to_add: z.array(z.strictObject({ product: productRef, quantity: z.int(), state: z.enum(SERVICE_STATES) })).optional(),
      services_to_remove: z.array(z.strictObject({ id: z.string(), product: productRef, state: z.enum(SERVICE_STATES) })).optional(),
      services_to_change: z
        .array(
          z.strictObject({
            id: z.string(),
            product: productRef,
            change_to_product: productRef.optional(),
            quantity: z.int(),
            state: z.enum(SERVICE_STATES),
          }),
        )
        .optional(),
      paused_period: z.strictObject({ starts_on: epoch }).optional(),
    }),
  ),
});

export const ESTIMATE_SERVICE_DELIVERY = op(
  'query',
  'RestEstimateServiceDelivery',
  `query RestEstimateServiceDelivery($input: ServiceDeliveryEstimateInput!) { serviceDeliveryEstimate(input: $input) { allowed refusal executionOn nextBillingAt services { id productId quantity state } } }`,
);

interface GqlEstimate {
  allowed: boolean;
  refusal: string | null;
  executionOn: string;
  nextBillingAt: string | null;
  services: { id: string; productId: string; quantity: number; state: string }[];
}

/** POST /estimates/service_delivery → 201: whether the action is allowed, when it runs, what it does to each service. */
export const estimateServiceDelivery: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const b = validateBody(serviceDeliveryBody, await ctx.readBody());
  const change = b.services_to_change?.[0];
  const serviceIds = [
    ...(b.services_to_remove ?? []).map((s) => s.id),
    ...(b.services_to_update ?? []).map((s) => s.id),
    ...(b.services_to_change ?? []).map((s) => s.from_service_id),
  ];
  if (b.action === 'NEW' && !b.services_to_add?.length) throw AppError.validation('services_to_add', 'name the services to add', 'REQUIRED');
  if (b.action !== 'NEW' && serviceIds.length === 0)
    throw AppError.validation(
      'services_to_remove',
      `name the services to ${b.action} (services_to_remove, services_to_update or services_to_change)`,
      'REQUIRED',
    );
  const data = await ctx.gateway.run(
    ESTIMATE_SERVICE_DELIVERY,
    {
      input: {
        action: b.action,
        serviceIds,
        changeTo: change?.to_service_product_id
          ? { productId: change.to_service_product_id, priceTermsId: change.to_price_terms_id ?? null, quantity: change.to_quantity ?? null }
          : null,
        scheduledDate: b.scheduled_date === undefined ? null : new Date(b.scheduled_date * 1000).toISOString(),
      },
    },
    snakeCaseFields,
  );
  const e = data['serviceDeliveryEstimate'] as GqlEstimate;
  const item: Record<string, unknown> = { action_allowed: e.allowed, allowed_execution_on: epochSeconds(e.executionOn) };
  if (e.nextBillingAt) item['next_billing_at'] = epochSeconds(e.nextBillingAt);
  if (b.action === 'NEW')
    item['services_to_add'] = (b.services_to_add ?? []).map((s) => ({
      product: { id: s.product_id },
      quantity: s.quantity ?? 1,
      state: b.scheduled_date === undefined ? 'EFFECTIVE' : 'DRAFT',
    }));
  if (b.action === 'CANCEL' || b.action === 'REGRET')
    item['services_to_remove'] = e.services.map((s) => ({ id: s.id, product: { id: s.productId }, state: s.state }));
  if (b.action === 'UPGRADE' || b.action === 'DOWNGRADE' || b.action === 'CHANGE')
    item['services_to_change'] = e.services.map((s) => ({
      id: s.id,
      product: { id: s.productId },
      ...(change?.to_service_product_id ? { change_to_product: { id: change.to_service_product_id } } : {}),
      quantity: change?.to_quantity ?? s.quantity,
      state: s.state,
    }));
  if (b.action === 'PAUSE' && e.allowed) item['paused_period'] = { starts_on: epochSeconds(e.executionOn) };
  sendJson(ctx.res, 201, { service_delivery_estimate: [item] });
};
