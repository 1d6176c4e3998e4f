import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { sendJson, type Handler, type RestContext } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { headerValue, queryParams } from '../../kit/request';
import type { GqlUserError } from '../../kit/operation';
import { amountIn } from '../ledger/mapper';
import { PAYMENT_PAGE } from './payments-operations';
import { paymentFields } from './payments-mapper';

export type PageKind = 'PAYMENT' | 'TOP_UP' | 'CARD' | 'PAYOUT' | 'PASS';

/** Every hosted page and form answers `{form_url, form_html}` (the contract's). */
export const hostedPageResponse = z.strictObject({ form_url: z.string(), form_html: z.string() });

const phone = z.strictObject({ country_code: z.string().max(3).optional(), number: z.string().max(30).optional() }).optional();
const party = z.strictObject({ name: z.string().min(1).max(200), email: z.string().max(200).optional(), phone });

/** POST /hosted_pages/gift_passes and /payment_forms/pass (the contract's body). */
export const passPageBody = z.strictObject({
  integration_id: z.string().min(1).max(64),
  redirect_url: z.string().max(2000).optional(),
  amount: z.number(),
  currency_code: z.string().length(3),
  statement_info: z.string().max(200).optional(),
  message: z.string().max(1000).optional(),
  pass_plan_id: z.string().min(1).max(64),
  language_code: z.string().max(5).optional(),
  device_type: z.enum(['BROWSER', 'MOBILE_BROWSER']).optional(),
  buyer: party,
  beneficiary: party,
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TITLES: Record<PageKind, string> = {
  PAYMENT: 'Pay',
  TOP_UP: 'Top up your wallet',
  CARD: 'Add a card',
  PAYOUT: 'Receive a payout',
  PASS: 'Buy a gift pass',
};

/**
 * The TEST gateway's page, served by the platform: the payer picks one of Stripe's test cards
 * (its token is all the platform ever sees; never a card number) and is sent back to redirect_url
 * with the token and the page's kind, amount and currency, which the app then posts (add the
 * method, pay, top up, pay out) with its own credentials.
 */
export function testGatewayPage(p: {
  kind: PageKind;
  amount: string | null;
  currency: string;
  redirectUrl: string | null;
  backUrl: string | null;
  backName: string | null;
}): string {
  const amount = p.amount ? `${escapeHtml(p.amount)} ${escapeHtml(p.currency)}` : '';
  const back = p.backUrl ? `<p><a href="${escapeHtml(p.backUrl)}">${escapeHtml(p.backName ?? 'Back')}</a></p>` : '';
  const action = p.redirectUrl ? ` action="${escapeHtml(p.redirectUrl)}" method="get"` : ' method="get"';
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${TITLES[p.kind]}</title></head><body>`,
    `<h1>${TITLES[p.kind]}</h1>`,
    amount ? `<p class="amount">${amount}</p>` : '',
    `<form${action}>`,
    `<input type="hidden" name="kind" value="${p.kind}">`,
    p.amount ? `<input type="hidden" name="amount" value="${escapeHtml(p.amount)}">` : '',
    `<input type="hidden" name="currency_code" value="${escapeHtml(p.currency)}">`,
    '<label>Test card <select name="token">',
    '<option value="tok_visa">Visa 4242 (succeeds)</option><option value="tok_mastercard">Mastercard 4444 (succeeds)</option>',
    '<option value="tok_chargeDeclined">Visa 0002 (declined)</option></select></label>',
    `<button type="submit">${p.kind === 'CARD' ? 'Save card' : 'Continue'}</button></form>`,
    back,
    '<p><small>Test gateway: no real card is charged.</small></p></body></html>',
  ].join('');
}

const REDIRECT = (url: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(url)}"><title>Redirecting</title></head><body><a href="${escapeHtml(url)}">Continue to the payment page</a></body></html>`;

interface PageParams {
  kind: PageKind;
  amount: string | null;
  currency: string;
  redirectUrl: string | null;
  backUrl: string | null;
  backName: string | null;
  /** The platform's own URL of the page (what form_url is for the TEST gateway). */
  selfUrl: string;
}

async function answer(ctx: RestContext, p: PageParams): Promise<void> {
  const payload = await ctx.gateway.mutate<{ url: string | null; gateway: string | null; consistencyToken: null; errors: GqlUserError[] }>(
    PAYMENT_PAGE,
    { input: { kind: p.kind, amount: p.amount, currency: p.currency, redirectUrl: p.redirectUrl, backUrl: p.backUrl } },
    'paymentPage',
    (path) =>
      path.endsWith('kind') ? 'type' : path.endsWith('redirectUrl') ? 'redirect_url' : path.endsWith('backUrl') ? 'back_url' : paymentFields(path),
  );
  const html = payload.url ? REDIRECT(payload.url) : testGatewayPage(p);
  // a browser (Accept: text/html) gets the page itself
  if (/text\/html/i.test(headerValue(ctx.req, 'accept') ?? '')) {
    ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    return;
  }
  sendJson(ctx.res, 200, { form_url: payload.url ?? p.selfUrl, form_html: html });
}

const CURRENCY = /^[A-Za-z]{3}$/;

/** A GET hosted page or form: its query (the contract's parameters), `type` fixing the kind when the operation has it. */
export function hostedPageGet(kindOf: (params: Map<string, string>) => PageKind, allowed: string[], needsAmount: boolean): Handler {
  return async (ctx) => {
    const params = queryParams(ctx.url.searchParams, allowed);
    const currency = params.get('currency_code');
    if (!currency) throw AppError.validation('currency_code', 'is required', 'REQUIRED');
    if (!CURRENCY.test(currency)) throw AppError.validation('currency_code', 'must be an ISO 4217 code', 'INVALID_VALUE');
    if (!params.get('integration_id')) throw AppError.validation('integration_id', 'is required', 'REQUIRED');
    const device = params.get('device_type');
    if (device && !['BROWSER', 'MOBILE_BROWSER'].includes(device))
      throw AppError.validation('device_type', 'must be one of BROWSER, MOBILE_BROWSER', 'INVALID_ENUM');
    let amount: string | null = null;
    if (needsAmount) {
      const raw = params.get('amount');
      if (raw === undefined) throw AppError.validation('amount', 'is required', 'REQUIRED');
      const n = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw AppError.validation('amount', 'must be a positive number', 'INVALID_VALUE');
      amount = amountIn(n, 'amount', currency.toUpperCase());
    }
    await answer(ctx, {
      kind: kindOf(params),
      amount,
      currency: currency.toUpperCase(),
      redirectUrl: params.get('redirect_url') ?? null,
      backUrl: params.get('back_url') ?? null,
      backName: params.get('back_url_name') ?? null,
      selfUrl: `${ctx.url.pathname}${ctx.url.search}`,
    });
  };
}

/** A POST pass page (gift passes): the body is the contract's; the page is a PASS payment of amount. */
export const passPagePost: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(passPageBody, await ctx.readBody());
  const currency = body.currency_code.toUpperCase();
  const amount = amountIn(body.amount, 'amount', currency);
  const q = new URLSearchParams({ amount, currency_code: currency, integration_id: body.integration_id, type: 'PAYMENT' });
  await answer(ctx, {
    kind: 'PASS',
    amount,
    currency,
    redirectUrl: body.redirect_url ?? null,
    backUrl: null,
    backName: null,
    selfUrl: `/self-service/v2/payment_forms/payment?${q.toString()}`,
  });
};

/** Parameter components shared by the hosted pages and forms (the contract's query parameters). */
export const HOSTED_PAGE_PARAMETERS = {
  HostedAmount: { name: 'amount', in: 'query', required: true, description: 'The amount to pay.', schema: { type: 'number' } },
  HostedBackUrl: { name: 'back_url', in: 'query', description: 'A link back, shown on the page.', schema: { type: 'string' } },
  HostedBackUrlName: { name: 'back_url_name', in: 'query', description: 'The label of back_url.', schema: { type: 'string' } },
  HostedCurrency: {
    name: 'currency_code',
    in: 'query',
    required: true,
    description: 'ISO 4217.',
    schema: { type: 'string', minLength: 3, maxLength: 3 },
  },
  HostedDeviceType: {
    name: 'device_type',
    in: 'query',
    description: 'BROWSER or MOBILE_BROWSER.',
    schema: { type: 'string', enum: ['BROWSER', 'MOBILE_BROWSER'] },
  },
  HostedEstimationId: { name: 'estimation_id', in: 'query', description: 'Accepted; not used yet.', schema: { type: 'string' } },
  HostedIntegrationId: {
    name: 'integration_id',
    in: 'query',
    required: true,
    description: "The payment gateway integration (the tenant's configured gateway answers).",
    schema: { type: 'string' },
  },
  HostedPaymentMethodId: { name: 'payment_method_id', in: 'query', description: 'Accepted; the page offers a card.', schema: { type: 'string' } },
  HostedRedirectUrl: { name: 'redirect_url', in: 'query', description: 'Where the payer is sent when done.', schema: { type: 'string' } },
  HostedType: {
    name: 'type',
    in: 'query',
    required: true,
    description: 'TOP_UP or PAYMENT.',
    schema: { type: 'string', enum: ['TOP_UP', 'PAYMENT'] },
  },
  HostedFullName: { name: 'full_name', in: 'query', description: "The payee's name, shown on the page.", schema: { type: 'string' } },
};

export const PAGE_QUERY = ['back_url', 'back_url_name', 'currency_code', 'device_type', 'integration_id', 'redirect_url'];
export const PAYMENT_PAGE_QUERY = [...PAGE_QUERY, 'amount', 'estimation_id', 'payment_method_id', 'type'];
export const PAYOUT_PAGE_QUERY = ['amount', 'currency_code', 'device_type', 'full_name', 'integration_id'];

export const typeKind = (params: Map<string, string>): PageKind => {
  const t = params.get('type');
  if (t === undefined) throw AppError.validation('type', 'is required', 'REQUIRED');
  if (t !== 'TOP_UP' && t !== 'PAYMENT') throw AppError.validation('type', 'must be one of TOP_UP, PAYMENT', 'INVALID_ENUM');
  return t;
};
