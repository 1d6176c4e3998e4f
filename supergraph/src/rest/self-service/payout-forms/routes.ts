import { defineResource } from '../../kit/resource';
import { PAYMENT_PAGE } from '../../domains/billing/payments-operations';
import { hostedPageGet, PAYOUT_PAGE_QUERY } from '../../domains/billing/hosted-pages';

const TAG = 'Payout Forms';

/** Payout Forms: where a payee picks the card a payout goes to. */
export const resource = defineResource({
  family: 'self-service',
  name: 'payout-forms',
  openapi: { tags: [{ name: TAG, description: 'Forms where a payee picks the card to be paid (the billing domain’s gateway).' }] },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/payout_forms/payout',
      handler: hostedPageGet(() => 'PAYOUT', PAYOUT_PAGE_QUERY, true),
      operations: [PAYMENT_PAGE],
      doc: {
        operationId: 'payoutFormPayoutSS',
        summary: 'Payout form',
        description:
          "A form where the payee picks the card to be paid amount: the TEST gateway's form is served by the platform (form_html; form_url answers it to a browser sending Accept: text/html). A gateway that does not pay out to cards (Stripe): 400.",
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['HostedAmount', 'HostedCurrency', 'HostedDeviceType', 'HostedFullName', 'HostedIntegrationId'],
        success: { status: 200, description: 'The form.', schema: 'HostedPage' },
      },
    },
  ],
});
