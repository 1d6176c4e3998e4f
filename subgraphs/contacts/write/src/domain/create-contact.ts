import { AppError } from '@crm/platform/errors';
import type { ContactType } from '@crm/event-bus/contracts/contacts';
import type { ContactChange, ContactState } from './contact';
import { MAX_ADDRESSES, withAddress } from './contact';
import { assertNamed, EMPTY_PROFILE, normaliseProfile, type ProfileInput } from './profile';
import * as v from './validate';

export interface CreateContact extends ProfileInput {
  type: ContactType;
  code?: string | null;
  addresses?: v.AddressInput[] | null;
  tags?: string[] | null;
}

export interface CreateContext {
  now: Date;
  newId: () => string;
  /** Used when the caller gives no code. */
  generatedCode: string;
  referralCode: string;
}

export function createContact(state: ContactState | null, cmd: CreateContact, ctx: CreateContext): ContactChange[] {
  if (state) throw new AppError('CONFLICT', 'contact already exists', { reason: 'CONTACT_EXISTS' });
  const profile = { ...EMPTY_PROFILE, ...normaliseProfile(cmd, ctx.now, ctx.newId) };
  assertNamed(cmd.type, profile);
  const addressesIn = cmd.addresses ?? [];
  if (addressesIn.length > MAX_ADDRESSES) throw AppError.validation('addresses', `at most ${MAX_ADDRESSES} addresses`, 'TOO_MANY');
  let addresses = addressesIn.reduce(
    (acc, a, i) => withAddress(acc, v.address(`addresses.${i}`, a, ctx.newId())),
    [] as ReturnType<typeof v.address>[],
  );
  if (addresses.length > 0 && !addresses.some((a) => a.isPrimary)) addresses = addresses.map((a, i) => ({ ...a, isPrimary: i === 0 }));
  return [
    {
      type: 'contact.created',
      data: {
        ...profile,
        code: v.code('code', cmd.code) ?? ctx.generatedCode,
        type: cmd.type,
        referralCode: ctx.referralCode,
        addresses,
        tags: v.tags('tags', cmd.tags ?? []),
      },
    },
  ];
}
