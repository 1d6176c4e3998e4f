import { AppError } from '@crm/platform/errors';

/** Luhn check of a digit string (pure). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the text holds something that looks like a full card number (13 to 19 digits, spaces or dashes allowed, passing Luhn). */
export function looksLikeCardNumber(text: string): boolean {
  for (const match of text.matchAll(/\d(?:[ -]?\d){12,18}/g)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}

/**
 * Refuses any free text that carries a card number: cards are kept only as first6 / last4 / brand /
 * expiry and the gateway's tokens, so a number put in a name, a note or a token never reaches storage or logs.
 */
export function refuseCardNumbers(fields: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value && looksLikeCardNumber(value))
      throw AppError.validation(field, 'must not contain a card number (send the gateway token and first6/last4 only)', 'CARD_NUMBER_REFUSED');
  }
}
