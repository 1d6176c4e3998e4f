import { z } from 'zod';

export const ORGANISATION_TYPES = ['BUSINESS', 'MERCHANT', 'VENUE'] as const;
export const API_KEY_KINDS = ['public', 'secret'] as const;
export const API_KEY_ENVS = ['live', 'test'] as const;
export const SUBJECT_KINDS = ['user', 'contact'] as const;
export const AUDIENCES = ['crm-backoffice', 'crm-self-service'] as const;
export const IDENTITY_PROVIDERS = ['EMAIL', 'PHONE', 'FACEBOOK', 'GOOGLE', 'OIDC_OAUTH'] as const;
export const SESSION_REVOKE_REASONS = ['SIGN_OUT', 'REFRESH_REUSE', 'PASSWORD_CHANGED', 'USER_DISABLED', 'ADMIN'] as const;

export const permissionName = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'domain.action');
export const name = (max: number) => z.string().min(1).max(max);
