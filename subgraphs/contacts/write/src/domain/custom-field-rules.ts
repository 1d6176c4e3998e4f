import { AppError } from '@crm/platform/errors';
import type { CustomFieldType } from '@crm/event-bus/contracts/settings';

/**
 * A custom field definition of CONTACTS as contacts-write keeps it (projected from the settings
 * domain's events; the settings code is never imported, only its event contracts).
 */
export interface CustomFieldRule {
  key: string;
  field: CustomFieldType;
  options: string[];
  mandatory: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d{1,18}(\.\d{1,10})?$/;
const AMOUNT = /^-?\d{1,15}(\.\d{1,4})?$/;
const INTEGER = /^-?\d{1,15}$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** What a value of each type must look like (values are strings, as CRM.COM sends them); null when it fits. */
export function typeProblem(rule: CustomFieldRule, value: string): string | null {
  switch (rule.field) {
    case 'SINGLE_LINE':
      return /[\r\n]/.test(value) ? 'must be a single line' : value.length > 255 ? 'must be at most 255 characters' : null;
    case 'MULTIPLE_LINES':
    case 'CONTENT':
    case 'NUMBERING_SCHEME':
      return null;
    case 'SELECTION':
    case 'RADIO_BUTTONS':
      return rule.options.includes(value) ? null : `must be one of ${rule.options.join(', ')}`;
    case 'CHECKBOX':
      return value === 'true' || value === 'false' ? null : 'must be true or false';
    case 'TIMESTAMP':
      return INTEGER.test(value) ? null : 'must be a time in epoch seconds';
    case 'DATE':
      return validDate(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'NUMBER':
      return NUMBER.test(value) ? null : 'must be a number (digits, optional decimals)';
    case 'AMOUNT':
      return AMOUNT.test(value) ? null : 'must be an amount (digits, at most 4 decimals)';
  }
}

/**
 * Checks a contact's custom fields against the tenant's definitions (pure): an unknown key or a
 * value of the wrong type is a 400 naming the key (`customFields.<i>.key` / `.value`); with
 * `complete` (a create, or an update replacing the list) every mandatory key must carry a value.
 * An empty value means "no value" and is allowed unless the key is mandatory.
 */
export function checkCustomFields(
  rules: readonly CustomFieldRule[],
  values: readonly { key: string; value: string | null }[],
  complete: boolean,
): void {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  values.forEach((entry, i) => {
    const key = entry.key.trim();
    const rule = byKey.get(key);
    if (!rule) throw AppError.validation(`customFields.${i}.key`, `"${key}" is not a custom field of contacts`, 'INVALID_VALUE');
    const value = entry.value ?? '';
    if (value === '') return;
    const problem = typeProblem(rule, value);
    if (problem) throw AppError.validation(`customFields.${i}.value`, `"${key}" (${rule.field}) ${problem}`, 'INVALID_VALUE');
  });
  if (!complete) return;
  for (const rule of rules) {
    if (!rule.mandatory) continue;
    const given = values.find((v) => v.key.trim() === rule.key && (v.value ?? '') !== '');
    if (!given) throw AppError.validation('customFields', `"${rule.key}" is mandatory`, 'REQUIRED');
  }
}
