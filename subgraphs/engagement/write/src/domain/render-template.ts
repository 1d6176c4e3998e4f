import { AppError } from '@crm/platform/errors';

/** What a template may say about its recipient: `{{first_name}}`, `{{last_name}}`, `{{full_name}}`, `{{email}}`, `{{code}}`. */
export const TEMPLATE_VARIABLES = ['first_name', 'last_name', 'full_name', 'email', 'code'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** A template's text is valid when every placeholder names a known variable (400 naming `field` otherwise). */
export function checkTemplate(field: string, text: string): void {
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(m[1]!))
      throw AppError.validation(field, `unknown variable {{${m[1]}}}: use ${TEMPLATE_VARIABLES.join(', ')}`, 'INVALID_VALUE');
  }
}

/** Fills the placeholders (pure); a value the recipient lacks renders empty. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => values[name as TemplateVariable] ?? '');
}

/**
 * The template to use for a recipient's language: that language's, else the business default
 * language's, else any (the first by language code); null when there is none.
 */
export function pickTemplate<T extends { language: string }>(templates: readonly T[], language: string | null, fallback: string): T | null {
  const sorted = [...templates].sort((a, b) => a.language.localeCompare(b.language));
  return sorted.find((t) => t.language === language) ?? sorted.find((t) => t.language === fallback) ?? sorted[0] ?? null;
}
