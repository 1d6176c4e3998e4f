import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { backOfficeCreateBody } from '../rest/domains/contacts/bodies';
import { backOfficeCreateIn } from '../rest/domains/contacts/mapper';

/**
 * Bulk import of contacts through a running platform's GraphQL API (a secret key), so it works the
 * same against `npm start` and a cluster and never opens a database. Rows are Back-Office contact
 * bodies (CSV columns or JSON Lines objects: contact_type, first_name, last_name, email_address,
 * code, …), validated and mapped exactly as POST /backoffice/v2/contacts does. Idempotent per row:
 * a row whose code (else email) already names a contact is left alone, so a second run changes
 * nothing.
 */
export interface ImportOptions {
  url: string;
  key: string;
  /** Rows in flight at once. */
  concurrency: number;
  onProgress?: (p: ImportProgress) => void;
  onRejected?: (r: RejectedRow) => void;
}

export interface ImportProgress {
  done: number;
  created: number;
  unchanged: number;
  rejected: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
  row: Record<string, unknown>;
}

export interface ImportRow {
  line: number;
  row: Record<string, unknown>;
}

/** CSV cells that are not text in the body. */
const BOOLEAN_COLUMNS = new Set(['sms_opt_out', 'email_opt_out']);
/** CSV cells holding a list (`;`-separated). */
const LIST_COLUMNS = new Set(['tags']);

/** Splits CSV text into records (RFC 4180: quoted fields, "" escapes, newlines inside quotes). */
export function parseCsvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cell !== '') records.push({ line: start, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || cell !== '') {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records;
}

/** A CSV record as a body: empty cells are left out; booleans and lists converted. */
export function csvRow(header: string[], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const value = (cells[i] ?? '').trim();
    if (value === '') return;
    if (BOOLEAN_COLUMNS.has(name)) row[name] = /^(true|1|yes)$/i.test(value) ? true : /^(false|0|no)$/i.test(value) ? false : value;
    else if (LIST_COLUMNS.has(name))
      row[name] = value
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean);
    else row[name] = value;
  });
  if (cells.length > header.length) row['__extra_cells'] = cells.slice(header.length);
  return row;
}

/** Every row of a .csv or .jsonl file (a JSONL line that is not an object becomes a rejected row). */
export async function* readRows(file: string): AsyncGenerator<ImportRow> {
  if (/\.jsonl$|\.ndjson$/i.test(file)) {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(text);
        yield {
          line,
          row: parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { __invalid: text },
        };
      } catch {
        yield { line, row: { __invalid: text } };
      }
    }
    return;
  }
  if (!/\.csv$/i.test(file)) throw new Error(`${file}: expected a .csv or .jsonl file`);
  let text = '';
  for await (const chunk of createReadStream(file, 'utf8')) text += chunk as string;
  const [head, ...records] = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!head) return;
  const header = head.cells.map((h) => h.trim());
  for (const r of records) yield { line: r.line, row: csvRow(header, r.cells) };
}

interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql(options: ImportOptions, query: string, variables: Record<string, unknown>): Promise<GqlAnswer> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${options.url.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', api_key: options.key },
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      if (attempt < 5) {
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        continue;
      }
      throw new Error(`${options.url}: ${(err as Error).message}`);
    }
    // overloaded or briefly unavailable: retry (the idempotency key keeps a retried create single)
    if ((res.status === 429 || res.status >= 502) && attempt < 5) {
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      continue;
    }
    if (res.status === 401 || res.status === 403)
      throw new Error(`${options.url} refused the key (HTTP ${res.status}): a secret key with contacts.write is needed`);
    return (await res.json()) as GqlAnswer;
  }
}

const EXISTING_BY_CODE = `query ImportFindByCode($id: ID!) { contact(id: $id) { id code } }`;
const EXISTING_BY_EMAIL = `query ImportFindByEmail($email: String!) { contacts(filter: { email: $email }, first: 1) { nodes { id } } }`;
const CREATE = `mutation ImportCreate($input: CreateContactInput!, $key: String) {
  createContact(input: $input, idempotencyKey: $key) { contact { id } errors { code field message } }
}`;

type Outcome = { kind: 'created' | 'unchanged' } | { kind: 'rejected'; reason: string };

/** One row: validate and map (as the REST route), find it by code (else email), create it if absent. */
export async function importRow(options: ImportOptions, row: Record<string, unknown>): Promise<Outcome> {
  if ('__invalid' in row) return { kind: 'rejected', reason: 'not a JSON object' };
  if ('__extra_cells' in row) return { kind: 'rejected', reason: 'more cells than header columns' };
  const parsed = backOfficeCreateBody.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const unknown = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return { kind: 'rejected', reason: `${field ? `${field}: ` : ''}${issue.message}${unknown}` };
  }
  let input: Record<string, unknown>;
  try {
    input = backOfficeCreateIn(parsed.data) as Record<string, unknown>;
  } catch (err) {
    return { kind: 'rejected', reason: (err as Error).message };
  }
  const code = typeof input['code'] === 'string' ? input['code'] : undefined;
  const email = typeof input['email'] === 'string' ? input['email'] : undefined;
  if (code) {
    const found = await graphql(options, EXISTING_BY_CODE, { id: code });
    if ((found.data?.['contact'] as { code?: string } | null | undefined)?.code === code) return { kind: 'unchanged' };
  } else if (email) {
    const found = await graphql(options, EXISTING_BY_EMAIL, { email });
    if (((found.data?.['contacts'] as { nodes?: unknown[] } | undefined)?.nodes?.length ?? 0) > 0) return { kind: 'unchanged' };
  }
  // the same row retried (or repeated in the file) creates one contact; keys allow [A-Za-z0-9._:-] only
  const digest = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 40);
  const key = code ? `import:code:${digest(code)}` : email ? `import:email:${digest(email.toLowerCase())}` : undefined;
  const created = await graphql(options, CREATE, { input, ...(key ? { key } : {}) });
  const payload = created.data?.['createContact'] as
    | { contact?: { id: string } | null; errors?: { code: string; field?: string; message: string }[] }
    | undefined;
  if (payload?.contact && (payload.errors?.length ?? 0) === 0) return { kind: 'created' };
  const errors = payload?.errors ?? [];
  // the code is taken: another row (or run) created it first
  if (errors.some((e) => e.code === 'CONFLICT' || e.code === 'CONTACT_CODE_TAKEN' || /already|taken/i.test(e.message)) && code)
    return { kind: 'unchanged' };
  const reason = errors.length
    ? errors.map((e) => (e.field && !e.message.startsWith(`${e.field}:`) ? `${e.field}: ${e.message}` : e.message)).join('; ')
    : (created.errors ?? []).map((e) => e.message).join('; ') || 'no answer';
  return { kind: 'rejected', reason };
}

/** Imports every row, `concurrency` at a time; resolves with the counts. */
export async function importContacts(rows: AsyncIterable<ImportRow>, options: ImportOptions): Promise<ImportProgress> {
  const progress: ImportProgress = { done: 0, created: 0, unchanged: 0, rejected: 0 };
  const iterator = rows[Symbol.asyncIterator]();
  let failure: unknown;
  const worker = async () => {
    for (;;) {
      if (failure) return;
      const next = await iterator.next();
      if (next.done) return;
      try {
        const outcome = await importRow(options, next.value.row);
        progress[outcome.kind]++;
        if (outcome.kind === 'rejected') options.onRejected?.({ line: next.value.line, reason: outcome.reason, row: next.value.row });
      } catch (err) {
        failure ??= err;
        return;
      }
      progress.done++;
      options.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (failure) throw failure;
  return progress;
}
