import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { canonicalPathId, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import type { GqlUserError } from '../../kit/operation';
import { REQUEST_WALLET_OTP, SET_UP_WALLET, WALLET_EXISTS } from '../../domains/ledger/operations';

const TAG = 'Contact Wallet';

const identity = z.strictObject({
  type: z.enum(['EMAIL', 'PHONE']),
  value: z.string().min(1).max(254),
  country_code: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

/** POST /self-service/v2/wallets/otp. */
export const walletOtpBody = z.strictObject({ identity });

/** POST /self-service/v2/contacts/{id}/wallets (the contract's: otp and code are nullable). */
export const setUpWalletBody = z.strictObject({
  otp: z.string().max(16).nullable().optional(),
  code: z.string().max(16).nullable().optional(),
  identity,
});

const identityIn = (i: z.infer<typeof identity>) => ({ type: i.type, value: i.value, countryCode: i.country_code ?? null });
const fields = (path: string) => path.replace(/^identity\.countryCode$/, 'identity.country_code').replace(/^input\./, '');

/** GET /self-service/v2/wallets/wallet_exists?type=EMAIL|PHONE&value= → {wallet_exists} (the application's public api_key). */
const walletExists: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['type', 'value']);
  const type = params.get('type');
  const value = params.get('value');
  if (!type) throw AppError.validation('type', 'is required (EMAIL or PHONE)', 'REQUIRED');
  if (!value) throw AppError.validation('value', 'is required', 'REQUIRED');
  const data = await ctx.gateway.run(WALLET_EXISTS, { type, value }, (p) => p);
  const exists = data['walletExists'];
  if (typeof exists !== 'boolean') throw new AppError('INTERNAL', 'walletExists returned no boolean');
  sendJson(ctx.res, 200, { wallet_exists: exists });
};

/** POST /self-service/v2/wallets/otp → 204: a one-time code to the identity of an existing wallet (the contact's token). */
const requestOtp: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(walletOtpBody, await ctx.readBody());
  await ctx.gateway.mutate<{ consistencyToken: string | null; errors: GqlUserError[] }>(
    REQUEST_WALLET_OTP,
    { contactId: null, identity: identityIn(body.identity) },
    'requestWalletOtp',
    fields,
  );
  ctx.res.writeHead(204).end();
};

/** POST /self-service/v2/contacts/{id}/wallets → 201 (no body, as the contract declares). */
const setUpWallet: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  const body = validateBody(setUpWalletBody, await ctx.readBody());
  await ctx.gateway.mutate<{ consistencyToken: string | null; errors: GqlUserError[] }>(
    SET_UP_WALLET,
    { contactId: id, input: { otp: body.otp ?? null, code: body.code ?? null, identity: identityIn(body.identity) } },
    'setUpWallet',
    fields,
  );
  ctx.res.writeHead(201).end();
};

/** Contact Wallet, flow 16: wallet identity, one-time code, set-up and linking (the ledger domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'wallet-links',
  pathParameters: { id: 'ContactId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's wallet: balances per pocket and commerce pool, journals (the ledger domain)." }],
    requestSchemas: [
      { name: 'SelfServiceWalletOtpRequest', schema: walletOtpBody },
      { name: 'SelfServiceSetUpWalletRequest', schema: setUpWalletBody },
    ],
    responseSchemas: [{ name: 'SelfServiceWalletExists', schema: z.object({ wallet_exists: z.boolean() }) }],
    parameters: {
      WalletIdentityType: {
        name: 'type',
        in: 'query',
        required: true,
        description: 'EMAIL or PHONE.',
        schema: { type: 'string', enum: ['EMAIL', 'PHONE'] },
      },
      WalletIdentityValue: {
        name: 'value',
        in: 'query',
        required: true,
        description: 'The e-mail address or phone number (digits; spaces, dashes and a leading + are ignored).',
        schema: { type: 'string', minLength: 1, maxLength: 254 },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/wallets/wallet_exists',
      handler: walletExists,
      operations: [WALLET_EXISTS],
      doc: {
        operationId: 'verifyWalletExistsSS',
        summary: 'Verify wallet identity existence',
        description: 'NOTES §7 flow 16: whether a wallet of the business has this e-mail or phone as its identity. Needs only the api_key.',
        tag: TAG,
        audience: 'apiKeyOnly',
        query: ['WalletIdentityType', 'WalletIdentityValue'],
        reads: true,
        success: { status: 200, description: 'Whether such a wallet exists.', schema: 'SelfServiceWalletExists' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/wallets/otp',
      handler: requestOtp,
      operations: [REQUEST_WALLET_OTP],
      doc: {
        operationId: 'requestWalletOtpSS',
        summary: 'Request a wallet one-time code',
        description:
          'Sends a 6-digit code (valid LEDGER_WALLET_OTP_TTL_SECONDS, 5 attempts) to the identity of an existing wallet, by e-mail or SMS: it proves the identity to POST /contacts/{id}/wallets. At most 5 an hour per contact (429). No wallet with that identity: 404.',
        tag: TAG,
        audience: 'selfservice',
        body: 'SelfServiceWalletOtpRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'The code was sent.' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/wallets',
      handler: setUpWallet,
      operations: [SET_UP_WALLET],
      doc: {
        operationId: 'setUpWalletSS',
        summary: 'Set up the wallet',
        description:
          "Without otp: gives the contact's wallet the identity (opened with `code` if the contact has none yet); an identity another wallet holds is a 409 (link that one). With the otp sent to the identity: links the identity's existing wallet to the contact (its own wallet must hold nothing, 409 otherwise; `code`, when given, must be that wallet's); GET /contacts/{id} then shows that wallet. A wrong, used or expired otp: 400 naming otp.",
        tag: TAG,
        audience: 'selfservice',
        body: 'SelfServiceSetUpWalletRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Set up; no body.' },
      },
    },
  ],
});
