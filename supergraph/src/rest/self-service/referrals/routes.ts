import { noQuery, sendJson, type Handler } from '../../kit/context';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { defineResource } from '../../kit/resource';
import { CREATE_REFERRAL, SEND_REFERRAL_INVITATIONS } from '../../domains/giving/operations';
import { referralActionBody, referralBody } from '../../domains/giving/bodies';
import { createdResponse } from '../../domains/giving/schemas';
import { givingParameters } from '../../domains/giving/openapi';

const TAG = 'Referral Customer Events';
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };
const fields = (path: string) => snakeCaseFields(path.replace(/^contactId$/, 'contact_id'));

/** POST /self-service/v2/referrals {code} → 201 {id}: the signed-in (new) contact registered with a referrer's code; the referrer earns the REFER offers' awards once. */
const createReferral: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(referralBody, await ctx.readBody());
  const p = await ctx.gateway.mutate<Payload>(CREATE_REFERRAL, { code: b.code, contactId: null }, 'createReferral', fields);
  sendJson(ctx.res, 201, { id: p.id });
};

/** POST /self-service/v2/referrals/actions {action: SEND, recipients[]} → 204: invitations with the contact's referral code. */
const referralActions: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(referralActionBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(
    SEND_REFERRAL_INVITATIONS,
    { input: { contactId: b.contact_id ?? null, action: b.action, recipients: b.recipients } },
    'sendReferralInvitations',
    fields,
  );
  ctx.res.writeHead(204).end();
};

/** Referral Customer Events (flow 15): a new contact reports the code it registered with; a contact invites friends. */
export const resource = defineResource({
  family: 'self-service',
  name: 'referrals',
  pathParameters: {},
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Refer a friend: the referrer earns the REFER offers’ awards (through the ledger, once) when the friend registers with its code.',
      },
    ],
    parameters: givingParameters,
    requestSchemas: [
      { name: 'ReferralCreateSS', schema: referralBody },
      { name: 'ReferralActionSS', schema: referralActionBody },
    ],
    responseSchemas: [{ name: 'ReferralCreatedSS', schema: createdResponse }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/referrals',
      handler: createReferral,
      operations: [CREATE_REFERRAL],
      doc: {
        operationId: 'createReferralSS',
        summary: 'Create a referral',
        description:
          'Called by the app after a new contact registered with a friend’s referral code (the contact’s own token). Once per contact: the same code again answers the same referral, another code is a 400; an unknown code is a 404.',
        tag: TAG,
        audience: 'selfservice',
        body: 'ReferralCreateSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The referral.', schema: 'ReferralCreatedSS' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/referrals/actions',
      handler: referralActions,
      operations: [SEND_REFERRAL_INVITATIONS],
      doc: {
        operationId: 'referralActionsSS',
        summary: 'Referral actions (send invitations)',
        description:
          'action SEND: one invitation per email address or phone number (1 to 20), carrying the referrer’s code. A secret key names the referrer in contact_id.',
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'ReferralActionSS',
        writes: true,
        success: { status: 204, description: 'The invitations were recorded for delivery. No body.' },
      },
    },
  ],
});
