import { defineResource } from '../../kit/resource';
import { PAYMENT_PAGE } from '../../domains/billing/payments-operations';
import { hostedPageGet, PAGE_QUERY, passPagePost, PAYMENT_PAGE_QUERY, typeKind } from '../../domains/billing/hosted-pages';

const TAG = 'Payment Forms';
const HOW =
  " The TEST gateway's form is served by the platform (form_html; form_url answers it to a browser sending Accept: text/html); Stripe's is Stripe Checkout (form_url).";

/** Payment Forms: the same pages as Hosted Pages, under the contract's Payment Forms tag. */
export const resource = defineResource({
  family: 'self-service',
  name: 'payment-forms',
  openapi: { tags: [{ name: TAG, description: 'Forms where a payer enters a card (the billing domain’s gateway).' }] },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/payment_forms/card',
      handler: hostedPageGet(() => 'CARD', PAGE_QUERY, false),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'paymentFormCardSS',
        summary: 'Payment form: add a card',
        description: 'A form where the payer saves a card.' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['HostedBackUrl', 'HostedBackUrlName', 'HostedCurrency', 'HostedDeviceType', 'HostedIntegrationId', 'HostedRedirectUrl'],
        success: { status: 200, description: 'The form.', schema: 'HostedPage' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/payment_forms/payment',
      handler: hostedPageGet(typeKind, PAYMENT_PAGE_QUERY, true),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'paymentFormPaymentSS',
        summary: 'Payment form: pay or top up',
        description: 'A form where the payer pays amount (type PAYMENT) or tops up (TOP_UP).' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        query: [
          'HostedAmount',
          'HostedBackUrl',
          'HostedBackUrlName',
          'HostedCurrency',
          'HostedDeviceType',
          'HostedEstimationId',
          'HostedIntegrationId',
          'HostedPaymentMethodId',
          'HostedRedirectUrl',
          'HostedType',
        ],
        success: { status: 200, description: 'The form.', schema: 'HostedPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/payment_forms/pass',
      handler: passPagePost,
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'paymentFormPassSS',
        summary: 'Payment form: buy a pass',
        description: 'A form where the buyer pays amount for a pass of pass_plan_id (issuing the pass belongs to the passes domain).' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'HostedPassPageRequest',
        success: { status: 200, description: 'The form.', schema: 'HostedPage' },
      },
    },
  ],
});
