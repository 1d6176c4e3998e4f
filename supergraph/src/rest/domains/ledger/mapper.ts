import { AppError } from '@crm/platform/errors';
import { currencyExponent } from '@crm/event-bus/contracts/ledger';
import { epochSeconds } from '../../kit/format';
import type { GqlJournal, GqlLedgerAccount, GqlWallet } from './operations';

type Json = Record<string, unknown>;

/**
 * Money in REST is a JSON number in major units beside `currency_code` (the contracts' shape).
 * Out: the ledger's exact decimal string as a number (decimal → shortest double that prints it back).
 * In: the number's shortest decimal text, which the ledger parses exactly (too many decimals → 400).
 */
export const money = (decimal: string | null): number => Number(decimal ?? '0');

export function amountIn(value: unknown, field = 'amount', currency: string | null = null): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw AppError.validation(field, 'must be a number', 'INVALID_VALUE');
  if (value <= 0) throw AppError.validation(field, 'must be greater than zero', 'INVALID_VALUE');
  const text = String(value);
  if (!/^\d+(\.\d+)?$/.test(text)) throw AppError.validation(field, 'has too many decimals', 'INVALID_VALUE');
  // when the currency is known here, its exponent too (the ledger checks it again)
  const exponent = currency ? currencyExponent(currency) : null;
  if (exponent !== null && (text.split('.')[1] ?? '').length > exponent)
    throw AppError.validation(field, `has more than ${exponent} decimals for ${currency}`, 'INVALID_VALUE');
  return text;
}

const sum = (accounts: GqlLedgerAccount[], pick: (a: GqlLedgerAccount) => boolean) => accounts.filter(pick).reduce((s, a) => s + money(a.balance), 0);
const round = (n: number) => Number(n.toFixed(6));

/** GET /self-service/v2/wallets/{id}: balances per pocket type (CRM = the contact's own OPEN pocket, BUSINESS = store credit), commerce in pools. */
export function toSelfServiceWallet(w: GqlWallet): Json {
  const currencies = [...new Set(w.balances.map((a) => a.currency))];
  const balances = currencies.flatMap((currency) => {
    const inCurrency = w.balances.filter((a) => a.currency === currency);
    const commerce = round(sum(inCurrency, (a) => a.pocket === 'COMMERCE'));
    return (['OPEN', 'BUSINESS'] as const).map((pocket) => {
      const open = round(sum(inCurrency, (a) => a.pocket === pocket));
      // commerce pools belong to the business side of the wallet
      const c = pocket === 'BUSINESS' ? commerce : 0;
      return { type: pocket === 'OPEN' ? 'CRM' : 'BUSINESS', currency_code: currency, open, commerce: c, total: round(open + c) };
    });
  });
  const own = w.balances.filter((a) => a.currency === w.currency);
  const totalOpen = round(sum(own, (a) => a.pocket !== 'COMMERCE'));
  const totalCommerce = round(sum(own, (a) => a.pocket === 'COMMERCE'));
  return {
    id: w.id,
    code: w.code,
    balances,
    total_open: totalOpen,
    total_commerce: totalCommerce,
    total_balance: round(totalOpen + totalCommerce),
    activated_commerce_pools: new Set(w.balances.filter((a) => a.pocket === 'COMMERCE').map((a) => a.commercePoolId)).size,
  };
}

/** A back-office wallet: the self-service shape plus the contact, currency, pockets with blocked and available amounts. */
export function toBackOfficeWallet(w: GqlWallet): Json {
  return {
    ...toSelfServiceWallet(w),
    contact_id: w.contactId,
    currency_code: w.currency,
    created_date: epochSeconds(w.createdAt),
    pockets: w.balances.map((a) => ({
      account_id: a.id,
      pocket: a.pocket,
      ...(a.commercePoolId ? { commerce_pool_id: a.commercePoolId } : {}),
      currency_code: a.currency,
      balance: money(a.balance),
      blocked: money(a.blocked),
      available: money(a.available),
    })),
  };
}

/** A wallet journal entry as GET /self-service/v2/wallets/{id}/journals lists it. */
export function toSelfServiceJournal(j: GqlJournal): Json {
  return {
    id: j.transactionId,
    type: j.entry,
    transaction_type: j.type,
    amount: money(j.amount),
    currency: j.currency,
    posted_on: epochSeconds(j.postedAt),
    ...(j.notes ? { description: j.notes } : {}),
  };
}

/** A back-office journal entry (one posting): the self-service shape plus the account, wallet, contact and balance after it. */
export function toBackOfficeJournal(j: GqlJournal): Json {
  return {
    ...toSelfServiceJournal(j),
    currency_code: j.currency,
    account_id: j.accountId,
    ...(j.walletId ? { wallet_id: j.walletId } : {}),
    ...(j.contactId ? { contact_id: j.contactId } : {}),
    balance_after: money(j.balanceAfter),
    ...(j.reference ? { reference: j.reference } : {}),
    ...(j.reversesTransactionId ? { reverses_id: j.reversesTransactionId } : {}),
  };
}

/** Ledger GraphQL field paths → the REST body's names. */
export const ledgerFields = (path: string): string => {
  const last = path.split('.').pop() ?? path;
  if (last === 'currency') return 'currency_code';
  if (last === 'commercePoolId') return 'commerce_pool_id';
  if (path.startsWith('from') || last === 'origin') return 'origin';
  if (path.startsWith('to') || last === 'destination') return 'destination';
  return last.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
};
