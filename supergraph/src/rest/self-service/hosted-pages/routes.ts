import { defineResource } from '../../kit/resource';
import { PAYMENT_PAGE } from '../../domains/billing/payments-operations';
import {
  HOSTED_PAGE_PARAMETERS,
  hostedPageGet,
  hostedPageResponse,
  PAGE_QUERY,
  passPageBody,
  passPagePost,
  PAYMENT_PAGE_QUERY,
  PAYOUT_PAGE_QUERY,
  typeKind,
} from '../../domains/billing/hosted-pages';

const TAG = 'Hosted Pages';
const HOW =
  " The TEST gateway's page is served by the platform (form_html; form_url answers it to a browser sending Accept: text/html); Stripe's is Stripe Checkout (form_url).";

/** Hosted Pages: where a payer enters a card (the billing domain's gateway). */
export const resource = defineResource({
  family: 'self-service',
  name: 'hosted-pages',
  openapi: {
    tags: [{ name: TAG, description: 'Pages where a payer enters a card: the gateway’s hosted page or the platform’s.' }],
    parameters: HOSTED_PAGE_PARAMETERS,
    requestSchemas: [{ name: 'HostedPassPageRequest', schema: passPageBody }],
    responseSchemas: [{ name: 'HostedPage', schema: hostedPageResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/hosted_pages/payment_methods',
      handler: hostedPageGet(() => 'CARD', PAGE_QUERY, false),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'hostedPaymentMethodPageSS',
        summary: 'Hosted page: add a payment method',
        description: 'A page where the payer saves a card.' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['HostedBackUrl', 'HostedBackUrlName', 'HostedCurrency', 'HostedDeviceType', 'HostedIntegrationId', 'HostedRedirectUrl'],
        success: { status: 200, description: 'The page.', schema: 'HostedPage' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/hosted_pages/payments',
      handler: hostedPageGet(typeKind, PAYMENT_PAGE_QUERY, true),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'hostedPaymentPageSS',
        summary: 'Hosted page: pay or top up',
        description: 'A page where the payer pays amount (type PAYMENT) or tops up (TOP_UP).' + HOW,
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
        success: { status: 200, description: 'The page.', schema: 'HostedPage' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/hosted_pages/payouts',
      handler: hostedPageGet(() => 'PAYOUT', PAYOUT_PAGE_QUERY, true),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'hostedPayoutPageSS',
        summary: 'Hosted page: receive a payout',
        description: 'A page where the payee picks the card to be paid amount. A gateway that does not pay out to cards (Stripe): 400.' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['HostedAmount', 'HostedCurrency', 'HostedDeviceType', 'HostedFullName', 'HostedIntegrationId'],
        success: { status: 200, description: 'The page.', schema: 'HostedPage' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/hosted_pages/gift_passes',
      handler: passPagePost,
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'hostedGiftPassPageSS',
        summary: 'Hosted page: buy a gift pass',
        description: 'A page where the buyer pays amount for a gift pass of pass_plan_id (issuing the pass belongs to the passes domain).' + HOW,
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'HostedPassPageRequest',
        success: { status: 200, description: 'The page.', schema: 'HostedPage' },
      },
    },
  ],
});
