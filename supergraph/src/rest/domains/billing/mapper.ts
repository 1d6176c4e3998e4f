import type { z } from 'zod';
import type { GqlPaymentMethod } from './operations';
import type { addPaymentMethodBody } from './schemas';

type Json = Record<string, unknown>;
const present = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The contract's body → the GraphQL input: a card keeps only first6 / last4 / brand / expiry / holder name and its tokens. */
export function paymentMethodIn(b: z.output<typeof addPaymentMethodBody>): Json {
  const tokens = (list: { gateway?: string | null | undefined; token: string }[] | undefined) =>
    (list ?? []).map((t) => ({ gateway: t.gateway ?? null, token: t.token }));
  return {
    type: b.payment_method_type,
    name: b.name ?? null,
    notes: b.notes ?? null,
    isPrimary: b.is_primary ?? null,
    card: b.card
      ? {
          name: b.card.name ?? null,
          first6: b.card.first6,
          last4: b.card.last4,
          brand: b.card.brand ?? null,
          fundingType: b.card.funding_type ?? null,
          expirationMonth: b.card.expiration_month,
          expirationYear: b.card.expiration_year,
          holderName: b.card.card_holder_details?.card_holder_name ?? null,
          gatewayTokens: tokens(b.card.gateway_token),
        }
      : null,
    accountDebit: b.account_debit
      ? {
          accountName: b.account_debit.account_name ?? null,
          iban: b.account_debit.iban ?? null,
          bank: b.account_debit.bank ?? null,
          gatewayTokens: tokens(b.account_debit.gateway_token),
        }
      : null,
    wallet: b.wallet ? { email: b.wallet.email ?? null, gatewayTokens: tokens(b.wallet.gateway_token) } : null,
  };
}

/** A stored method in the contract's list shape (absent values omitted). */
export function paymentMethodOut(m: GqlPaymentMethod): Json {
  const tokens = m.gatewayTokens.map((t) => ({ gateway: t.gateway, token: t.token }));
  return present({
    id: m.id,
    is_primary: m.isPrimary,
    is_rewards: false,
    payment_method_type: m.type,
    classification: 'CONTACT',
    name: m.name,
    notes: m.notes,
    card: m.card
      ? present({
          name: m.card.name,
          first6: m.card.first6,
          last4: m.card.last4,
          brand: m.card.brand,
          funding_type: m.card.fundingType,
          expiration_month: m.card.expirationMonth,
          expiration_year: m.card.expirationYear,
          card_holder_details: m.card.holderName ? { card_holder_name: m.card.holderName } : null,
          gateway_token: tokens,
        })
      : null,
    account_debit: m.accountDebit
      ? present({
          account_name: m.accountDebit.accountName,
          iban: m.accountDebit.ibanLast4 ? `****${m.accountDebit.ibanLast4}` : null,
          bank: m.accountDebit.bank,
          gateway_token: tokens,
        })
      : null,
    wallet: m.wallet ? present({ email: m.wallet.email, gateway_token: tokens }) : null,
  });
}
