import { z } from 'zod';

/** What a preferred organisation is preferred for (the contract's enum). */
export const PREFERENCE_TYPES = ['ORDERS', 'REWARDS'] as const;
export type PreferenceType = (typeof PREFERENCE_TYPES)[number];

export const contactImageFile = z.object({ id: z.uuid(), name: z.string().max(255), contentType: z.string().max(255) });
