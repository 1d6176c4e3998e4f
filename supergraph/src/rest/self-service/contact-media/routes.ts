import { z } from 'zod';
import { noQuery, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { epochSeconds } from '../../kit/format';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { defineResource } from '../../kit/resource';

const TAG = 'Self-service contact media';

/** The contract's usage types (settings-write refuses others). */
const USAGE_TYPES = [
  'LOGO',
  'BACKGROUND',
  'AVATAR',
  'HERO',
  'MARKETING',
  'ATTACHMENT',
  'PROFILEIMAGE',
  'APPLE_LOCKSCREEN_ICON',
  'APPLE_LOGO_IMAGE',
  'APPLE_STRIP_IMAGE',
  'GOOGLE_LOGO_IMAGE',
  'GOOGLE_STRIP_IMAGE',
  'LANDING_PAGE_LOGO_IMAGE',
  'LANDING_PAGE_HEADER_IMAGE',
  'LANDING_PAGE_BACKGROUND_IMAGE',
  'DELIVERY_IMAGE',
  'PICKUP_IMAGE',
  'DIRECT_SALE_IMAGE',
  'WALLET_IMAGE',
  'LANDING_PAGE_IMAGE',
  'APP_LOGO',
  'PARTNER_LOGO',
  'CAROUSEL',
  'SHORTCUT',
  'SHORTCUT_IMAGE',
  'EMBEDDED_LINK_IMAGE',
  'IMAGE',
] as const;

const SIGN = op(
  'mutation',
  'RestSignMediaUpload',
  `mutation RestSignMediaUpload($input: MediaUploadSignatureInput!) { signMediaUpload(input: $input) { consistencyToken signature { signature signedFields expiresAt id contactId usageType folder trackingKey mediaGroupId } ${USER_ERROR_FIELDS} } }`,
);

interface GqlSignature {
  signature: string;
  signedFields: string;
  expiresAt: string;
  id: string;
  contactId: string | null;
  usageType: string;
  folder: string | null;
  trackingKey: string | null;
  mediaGroupId: string | null;
}

const signatureBody = z.strictObject({
  id: z.string().max(128).optional().describe('The id the media will take (default: a new uuid).'),
  contact_id: z.string().max(64).optional().describe('The contact the media is for (default: the signed-in contact).'),
  usage_type: z.enum(USAGE_TYPES).optional().describe('Default IMAGE.'),
  folder: z.string().max(330).optional(),
  tracking_key: z.string().max(128).optional(),
  media_group_id: z.string().max(128).optional(),
});

/** POST /self-service/v2/media/upload/signature → 200 a signed, expiring permission to upload one media file. */
const sign: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(signatureBody, await ctx.readBody());
  const input = {
    id: b.id ?? null,
    contactId: b.contact_id ?? null,
    usageType: b.usage_type ?? null,
    folder: b.folder ?? null,
    trackingKey: b.tracking_key ?? null,
    mediaGroupId: b.media_group_id ?? null,
  };
  const payload = await ctx.gateway.mutate<{ signature: GqlSignature | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    SIGN,
    { input },
    'signMediaUpload',
    (f) => (f ? snakeCaseFields(f.replace(/^input\./, '')) : undefined),
  );
  const s = payload.signature!;
  // the contract's 200 has no body: the signature travels in response headers
  ctx.res.writeHead(200, {
    'x-media-signature': s.signature,
    'x-media-signed-fields': s.signedFields,
    'x-media-expires-at': String(epochSeconds(s.expiresAt)),
    'x-media-id': s.id,
    'x-media-upload-url': '/self-service/v2/upload/files',
    'cache-control': 'no-store',
  });
  ctx.res.end();
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-media',
  openapi: {
    tags: [{ name: TAG, description: 'Signed, expiring permissions to upload media.' }],
    requestSchemas: [{ name: 'MediaUploadSignatureRequest', schema: signatureBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/media/upload/signature',
      handler: sign,
      operations: [SIGN],
      doc: {
        operationId: 'signMediaUploadSS',
        summary: 'Sign a media upload',
        description:
          'An HMAC-SHA256 signature over the fields and an expiry (MEDIA_SIGNATURE_TTL_SECONDS of settings-write, 15 minutes by default). POST /upload/files with the `signature` and `signedFields` parts verifies it: an altered field, another tenant or contact, or a late use is 400 (MEDIA_SIGNATURE_INVALID).',
        tag: TAG,
        audience: 'contact',
        body: 'MediaUploadSignatureRequest',
        writes: true,
        success: {
          status: 200,
          description:
            'No body (as the contract has it): the signature in `x-media-signature`, the signed fields in `x-media-signed-fields`, the expiry (epoch seconds) in `x-media-expires-at`, the media id in `x-media-id` and where to upload in `x-media-upload-url`.',
        },
      },
    },
  ],
});
