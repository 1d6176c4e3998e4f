import { z } from 'zod';
import { param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';

const TAG = 'Wifi';

export const AUTHORIZE_WIFI = op(
  'mutation',
  'RestAuthorizeContactWifi',
  `mutation RestAuthorizeContactWifi($contactId: ID!, $input: WifiAuthorizationInput!) { authorizeContactWifi(contactId: $contactId, input: $input) { authorizationId macAddress consistencyToken ${USER_ERROR_FIELDS} } }`,
);

/** POST /self-service/v2/contacts/{id}/wifi/authorize, as the contract declares it (all three required). */
export const wifiAuthorizeBody = z.strictObject({
  mac_address: z.string().max(64).describe("The contact's device MAC address (01-23-45-67-89-AB; colons or none accepted)."),
  estimation_id: z.string().max(64).describe('The usage estimation (POST /estimates/allowance) the contact is authorised for.'),
  site_id: z.string().max(64).describe("The site (the organisation's WiFi network) the contact is authorised on."),
});

/** → 204: the contact's device is authorised (a wifi.authorization_requested event the WiFi platform plugin consumes). */
const authorizeWifi: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound('contact', raw);
  const body = validateBody(wifiAuthorizeBody, await ctx.readBody());
  await ctx.gateway.mutate(
    AUTHORIZE_WIFI,
    { contactId: canonicalPathId(raw), input: { macAddress: body.mac_address, estimationId: body.estimation_id, siteId: body.site_id } },
    'authorizeContactWifi',
    (f) => snakeCaseFields(f.replace(/^input\./, '')),
  );
  sendJson(ctx.res, 204, undefined);
};

/** The Wifi tag (the subscriptions domain): a contact authorised on a WiFi site for usage allowance consumption. */
export const resource = defineResource({
  family: 'self-service',
  name: 'wifi',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Contacts authorised on WiFi platforms (captive portals) for usage allowance consumption.' }],
    requestSchemas: [{ name: 'WifiAuthorizeRequest', schema: wifiAuthorizeBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/wifi/authorize',
      handler: authorizeWifi,
      operations: [AUTHORIZE_WIFI],
      doc: {
        operationId: 'authorizeContactWifiSS',
        summary: 'Contact WiFi authorization',
        description:
          "With the secret api_key, as the contract declares (or a back-office token); needs subscriptions.write. The contact must have a service in use (EFFECTIVE; otherwise 409 CONTACT_HAS_NO_SERVICE_IN_USE); a bad MAC address is a 400. Emits wifi.authorization_requested, which the WiFi platform integration's plugin consumes; the estimation_id is passed on as given (estimates are not stored).",
        tag: TAG,
        audience: 'backoffice',
        body: 'WifiAuthorizeRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Authorised. No body.' },
      },
    },
  ],
});
