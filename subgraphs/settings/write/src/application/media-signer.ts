import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';

/** Usage types a media upload may be signed for (the contract's enum). */
export const MEDIA_USAGE_TYPES = [
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

export interface SignRequest {
  id?: string | null;
  contactId: string | null;
  usageType?: string | null;
  folder?: string | null;
  trackingKey?: string | null;
  mediaGroupId?: string | null;
}

export interface SignedUpload {
  signature: string;
  signedFields: string;
  expiresAt: Date;
  id: string;
  contactId: string | null;
  usageType: string;
  folder: string | null;
  trackingKey: string | null;
  mediaGroupId: string | null;
}

const FOLDER = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,4}$/;
const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Media upload signatures: HMAC-SHA256 with the service's secret over a canonical string of the
 * tenant, the fields and the expiry (epoch seconds). Whoever holds a signature may upload that one
 * media until it expires; a changed field or a late use fails verification.
 */
export class MediaSigner {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    // without a configured secret each replica signs with its own (verify on the replica that signed)
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(tenantId: string, req: SignRequest): SignedUpload {
    const usageType = req.usageType ?? 'IMAGE';
    if (!(MEDIA_USAGE_TYPES as readonly string[]).includes(usageType))
      throw AppError.validation('usage_type', `must be one of ${MEDIA_USAGE_TYPES.join(', ')}`, 'INVALID_ENUM');
    const folder = req.folder?.trim() || null;
    if (folder && !FOLDER.test(folder))
      throw AppError.validation('folder', 'must be up to 5 path segments of letters, digits, _ and -', 'INVALID_FORMAT');
    for (const [field, value] of [
      ['tracking_key', req.trackingKey],
      ['media_group_id', req.mediaGroupId],
      ['id', req.id],
    ] as const) {
      if (value && !TOKEN.test(value)) throw AppError.validation(field, 'must be 1-128 letters, digits or ._:-', 'INVALID_FORMAT');
    }
    const expiresAt = new Date(Math.floor(this.clock().getTime() / 1000 + this.ttlSeconds) * 1000);
    const fields = {
      id: req.id ?? newId(),
      contactId: req.contactId,
      usageType,
      folder,
      trackingKey: req.trackingKey ?? null,
      mediaGroupId: req.mediaGroupId ?? null,
    };
    const signedFields = canonical({ ...fields, expiresAt: String(expiresAt.getTime() / 1000) });
    return { ...fields, signedFields, expiresAt, signature: this.mac(tenantId, signedFields) };
  }

  /** Checks a signature over its signed fields for the tenant; a forged, altered or expired one is a 400. */
  verify(tenantId: string, signedFields: string, signature: string): Record<string, string> {
    const expected = Buffer.from(this.mac(tenantId, signedFields), 'hex');
    const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw AppError.validation('signature', 'does not match the signed fields', 'MEDIA_SIGNATURE_INVALID');
    const fields = Object.fromEntries(new URLSearchParams(signedFields));
    if (Number(fields['expiresAt']) * 1000 <= this.clock().getTime())
      throw AppError.validation('signature', 'has expired', 'MEDIA_SIGNATURE_INVALID');
    return fields;
  }

  private mac(tenantId: string, signedFields: string): string {
    return createHmac('sha256', this.secret).update(`${tenantId}\n${signedFields}`).digest('hex');
  }
}

/** The fields as a query string, keys sorted, nulls left out. */
function canonical(fields: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(fields).sort()) {
    const v = fields[key];
    if (v !== null && v !== undefined) params.append(key, v);
  }
  return params.toString();
}
