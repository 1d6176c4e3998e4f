import { z } from 'zod';

export const ORGANISATION_TYPES = ['BUSINESS', 'MERCHANT', 'VENUE'] as const;
export const API_KEY_KINDS = ['public', 'secret'] as const;
export const API_KEY_ENVS = ['live', 'test'] as const;
export const SUBJECT_KINDS = ['user', 'contact'] as const;
export const AUDIENCES = ['crm-backoffice', 'crm-self-service'] as const;
export const IDENTITY_PROVIDERS = ['EMAIL', 'PHONE', 'FACEBOOK', 'GOOGLE', 'OIDC_OAUTH'] as const;
/** Kinds of external sign-in provider a tenant configures (GOOGLE is the OIDC type `google`). */
export const PROVIDER_KINDS = ['OIDC', 'FACEBOOK'] as const;
export const SESSION_REVOKE_REASONS = ['SIGN_OUT', 'REFRESH_REUSE', 'PASSWORD_CHANGED', 'USER_DISABLED', 'ADMIN'] as const;

export const permissionName = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'domain.action');
export const name = (max: number) => z.string().min(1).max(max);
/** An OIDC provider `type` (`/contacts/oidc/{type}`), or `facebook`. */
export const providerType = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
