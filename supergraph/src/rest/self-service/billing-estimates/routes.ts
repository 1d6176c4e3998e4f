import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { canonicalPathId, isUuid } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { decimalIn } from '../../domains/invoicing/handlers';
import { billingEstimateOf, invoicingEstimateOf, invoicingFields } from '../../domains/invoicing/mapper';
import { invoicingComponents } from '../../domains/invoicing/openapi';
import { BILLING_ESTIMATE, INVOICING_ESTIMATE, type GqlBillingEstimate, type GqlInvoicingEstimate } from '../../domains/invoicing/operations';
import { billingEstimateBody, invoicingEstimateBody } from '../../domains/invoicing/schemas';

const uuidOrNotFound = (raw: string | undefined): string | null => {
  if (raw === undefined) return null;
  if (!isUuid(raw)) throw AppError.notFound('contact', raw);
  return canonicalPathId(raw);
};

/**
 * POST /self-service/v2/estimates/billing → 201 `{billing_estimate: [...]}`: the next billing cycles
 * of the contact's subscriptions (the signed-in contact's own; with the secret key a contact_id,
 * subscription_id or account_id), priced by the billing engine the runs use, nothing written.
 */
const estimateBilling: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(billingEstimateBody, await ctx.readOptionalBody());
  const subscriptionId = body.subscription_id === undefined ? null : body.subscription_id;
  if (subscriptionId !== null && !isUuid(subscriptionId)) throw AppError.validation('subscription_id', 'must be a UUID', 'INVALID_ID');
  const data = await ctx.gateway.run(
    BILLING_ESTIMATE,
    {
      contactId: uuidOrNotFound(body.contact_id),
      subscriptionId: subscriptionId && canonicalPathId(subscriptionId),
      accountId: body.account_id ?? null,
      asOf: body.as_of_date === undefined ? null : new Date(body.as_of_date * 1000).toISOString().slice(0, 10),
      cycles: body.upcoming_billing_cycles ?? 1,
    },
    invoicingFields,
  );
  sendJson(ctx.res, 201, { billing_estimate: (data['billingEstimate'] as GqlBillingEstimate[]).map((e) => billingEstimateOf(e)) });
};

/**
 * POST /self-service/v2/estimates/invoicing → 200: what an invoice for these products would hold
 * (catalogue prices unless a price is given, taxes by tax model), with the public api_key alone.
 */
const estimateInvoicing: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(invoicingEstimateBody, await ctx.readBody());
  const data = await ctx.gateway.run(
    INVOICING_ESTIMATE,
    {
      currency: null,
      lines: body.line_items.map((l, i) => {
        if (!isUuid(l.product_id)) throw AppError.validation(`line_items.${i}.product_id`, 'must be a product id (UUID)', 'INVALID_ID');
        return {
          productId: canonicalPathId(l.product_id),
          priceTermsId: l.price_terms_id && isUuid(l.price_terms_id) ? canonicalPathId(l.price_terms_id) : null,
          quantity: l.quantity ?? 1,
          unitPrice: l.price === undefined ? null : decimalIn(`line_items.${i}.price`, l.price),
          taxModel: l.tax_model ?? null,
        };
      }),
    },
    invoicingFields,
  );
  sendJson(ctx.res, 200, invoicingEstimateOf(data['invoicingEstimate'] as GqlInvoicingEstimate));
};

/** Billing and invoicing estimates of the Self-Service contract (the billing domain's engine, nothing written). */
export const resource = defineResource({
  family: 'self-service',
  name: 'billing-estimates',
  openapi: mergeFragments(invoicingComponents, {}),
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/estimates/billing',
      handler: estimateBilling,
      operations: [BILLING_ESTIMATE],
      doc: {
        operationId: 'estimateBillingSS',
        summary: 'Estimate upcoming billing',
        description:
          "The next upcoming_billing_cycles (default 1, at most 24) billing cycles from as_of_date of the contact's subscriptions (or subscription_id's, or account_id's): the periods not billed yet, prorated and taxed as the billing run will bill them, with the true-up of periods billed before. As the signed-in contact (api_key + bearer) its own only; with the secret api_key name contact_id, subscription_id or account_id. Nothing is written.",
        tag: 'Subscriptions',
        audience: 'contactOrSecret',
        body: 'BillingEstimateRequest',
        bodyOptional: true,
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The estimated billing cycles.', schema: 'BillingEstimate' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/estimates/invoicing',
      handler: estimateInvoicing,
      operations: [INVOICING_ESTIMATE],
      doc: {
        operationId: 'estimateInvoicingSS',
        summary: 'Estimate an invoice',
        description:
          "What an invoice for line_items would hold: each product at its catalogue price (price_terms_id's, else its default) unless price is given, taxed by its tax model at the tenant's rate, totals exact to the currency's minor unit. The public api_key alone is enough. Nothing is written.",
        tag: 'Estimates',
        audience: 'apiKeyOnly',
        body: 'InvoicingEstimateRequest',
        reads: true,
        success: { status: 200, description: 'The estimated invoice.', schema: 'InvoicingEstimate' },
      },
    },
  ],
});
