import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { op } from '../../kit/operation';
import { isUuid, canonicalPathId } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { z } from 'zod';
import { applePass, googlePassLink, type WalletCard } from '../../domains/passes/mobile-cards';

const TAG = 'Mobile Pass Cards';

const WALLET_OF_CONTACT = op(
  'query',
  'RestMobilePassWallet',
  `query RestMobilePassWallet($contactId: ID!) { walletOfContact(contactId: $contactId) { id code contactId currency totals { currency balance } } }`,
);

type Wallet = { id: string; code: string; contactId: string; currency: string; totals: { currency: string; balance: string }[] } | null;

/** The contact's wallet card (a contact: only its own; another's or an unknown one is a 404). */
async function cardOf(ctx: RestContext): Promise<WalletCard> {
  noQuery(ctx);
  const contactRaw = param(ctx, 'contactId');
  const organisationRaw = param(ctx, 'organisationId');
  if (!isUuid(contactRaw)) throw recordNotFound('contact' as NotFoundSubject, contactRaw);
  if (!isUuid(organisationRaw)) throw recordNotFound('organisation' as NotFoundSubject, organisationRaw);
  const data = await ctx.gateway.run(WALLET_OF_CONTACT, { contactId: canonicalPathId(contactRaw) }, (f) => f);
  const w = data['walletOfContact'] as Wallet;
  if (!w) throw recordNotFound('contact' as NotFoundSubject, contactRaw);
  const total = w.totals.find((t) => t.currency === w.currency) ?? w.totals[0];
  return {
    walletId: w.id,
    code: w.code,
    contactId: w.contactId,
    organisationId: canonicalPathId(organisationRaw),
    currency: total?.currency ?? w.currency,
    balance: total?.balance ?? '0',
  };
}

const pkpass = async (ctx: RestContext, name: string) => {
  const body = await applePass(await cardOf(ctx));
  ctx.res.writeHead(200, {
    'content-type': 'application/vnd.apple.pkpass',
    'content-disposition': `attachment; filename="${name}.pkpass"`,
    'content-length': String(body.length),
    'cache-control': 'no-store',
  });
  ctx.res.end(body);
};

const apple: Handler = (ctx) => pkpass(ctx, 'wallet');
/** Android wallet apps (PassWallet, WalletPasses) read the same signed .pkpass. */
const android: Handler = (ctx) => pkpass(ctx, 'wallet-android');
const google: Handler = async (ctx) => {
  sendJson(ctx.res, 200, googlePassLink(await cardOf(ctx)) as unknown as Record<string, unknown>);
};

const params = { contactId: 'MobilePassContactId', organisationId: 'MobilePassOrganisationId' };
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 100 },
});

/** Mobile pass cards: the contact's wallet (code as a QR code, balance) for Apple Wallet, Google Wallet and Android wallet apps. */
export const resource = defineResource({
  family: 'self-service',
  name: 'mobile-pass-cards',
  pathParameters: params,
  openapi: {
    tags: [{ name: TAG, description: 'The contact’s wallet as a mobile pass card (rewards domain; code and balance from the ledger).' }],
    parameters: {
      MobilePassContactId: pathParam('contactId', 'The contact GUID; a contact may name only itself (another is a 404).'),
      MobilePassOrganisationId: pathParam('organisationId', 'The organisation GUID the card is branded for.'),
    },
    responseSchemas: [{ name: 'GoogleWalletSaveLinkSS', schema: z.string().describe('https://pay.google.com/gp/v/save/{jwt}') }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/apple_pass/:organisationId/contacts/:contactId',
      handler: apple,
      operations: [WALLET_OF_CONTACT],
      doc: {
        operationId: 'getApplePassSS',
        summary: 'Apple Wallet pass of the contact’s wallet',
        description: 'A signed .pkpass (application/vnd.apple.pkpass) showing the wallet code as a QR code and the balance.',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The .pkpass file.', binary: true },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/google_pass/:organisationId/contacts/:contactId',
      handler: google,
      operations: [WALLET_OF_CONTACT],
      doc: {
        operationId: 'getGooglePassSS',
        summary: 'Google Wallet save link of the contact’s wallet',
        description:
          'A JSON string: https://pay.google.com/gp/v/save/{jwt}, the JWT (RS256) carrying a loyalty object with the wallet code and balance.',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The save link.', schema: 'GoogleWalletSaveLinkSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/android_wallet_pass/:organisationId/contacts/:contactId',
      handler: android,
      operations: [WALLET_OF_CONTACT],
      doc: {
        operationId: 'getAndroidWalletPassSS',
        summary: 'Android wallet pass of the contact’s wallet',
        description: 'The same signed .pkpass, which Android wallet apps read.',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The .pkpass file.', binary: true },
      },
    },
  ],
});
