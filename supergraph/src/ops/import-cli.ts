import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importContacts, readRows, type ImportProgress } from './import-contacts';
import { importDataDir } from './env';

const USAGE = `usage: npm run admin -- import contacts <file.csv|file.jsonl> [--url URL] [--key SECRET_KEY] [--report FILE] [--concurrency N]

  Creates the file's contacts through the platform's GraphQL API, one row at a time (N in flight,
  default 8). Columns / fields are the Back-Office contact body's (contact_type, first_name,
  last_name, email_address, code, language_code, tags (;-separated in CSV), …). A row whose code
  (else email) already names a contact is left unchanged, so running it again changes nothing.
  --url   the platform (default http://127.0.0.1:4000)
  --key   a secret key (default: secretApiKey of $DATA_DIR/demo-credentials.json, DATA_DIR=.data)
  --report  rejected rows with their reason, JSON Lines (default <file>.rejected.jsonl)
Exit codes: 0 every row created or unchanged, 1 some rows rejected or the platform failed, 2 usage.`;

interface Args {
  file: string;
  url: string;
  key: string | undefined;
  report: string;
  concurrency: number;
}

function parse(argv: string[]): Args | string {
  const [what, kind, file, ...rest] = argv;
  if (what !== 'import' || kind !== 'contacts' || !file || file.startsWith('--')) return 'expected: import contacts <file>';
  const args: Args = { file, url: 'http://127.0.0.1:4000', key: undefined, report: `${file}.rejected.jsonl`, concurrency: 8 };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) return `${flag} needs a value`;
    if (flag === '--url') args.url = value;
    else if (flag === '--key') args.key = value;
    else if (flag === '--report') args.report = value;
    else if (flag === '--concurrency' && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64) args.concurrency = Number(value);
    else return `unknown flag or bad value: ${flag} ${value}`;
  }
  return args;
}

const duration = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;

/** `[#####-----] 4,500/10,000 45% 812 rows/s ETA 0m07s (created …, unchanged …, rejected …)` */
export function progressLine(p: ImportProgress, total: number, seconds: number): string {
  const width = 30;
  const share = total > 0 ? p.done / total : 0;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? p.done / seconds : 0;
  const eta = rate > 0 ? (total - p.done) / rate : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n(p.done)}/${n(total)} ${Math.floor(share * 100)}% ${n(Math.round(rate))} rows/s ETA ${duration(eta)} (created ${n(p.created)}, unchanged ${n(p.unchanged)}, rejected ${n(p.rejected)})`;
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    process.stderr.write(`error: ${args}\n\n${USAGE}\n`);
    return 2;
  }
  if (!existsSync(args.file)) {
    process.stderr.write(`error: no file ${args.file}\n`);
    return 2;
  }
  let key = args.key;
  if (!key) {
    const creds = join(resolve(importDataDir()), 'demo-credentials.json');
    if (!existsSync(creds)) {
      process.stderr.write(`error: no --key and no ${creds} (start the platform once with npm start, or pass a secret key)\n`);
      return 2;
    }
    key = (JSON.parse(readFileSync(creds, 'utf8')) as { secretApiKey: string }).secretApiKey;
  }
  // count first, so the bar has a total (a second pass over the file; the rows are not kept)
  let total = 0;
  for await (const _ of readRows(args.file)) total++;
  const report = createWriteStream(args.report);
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastDraw = 0;
  const draw = (p: ImportProgress, final = false) => {
    const now = performance.now();
    if (!final && now - lastDraw < (tty ? 200 : 5000)) return;
    lastDraw = now;
    const line = progressLine(p, total, (now - started) / 1000);
    process.stderr.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  const result = await importContacts(readRows(args.file), {
    url: args.url,
    key,
    concurrency: args.concurrency,
    onProgress: (p) => draw(p),
    onRejected: (r) => report.write(`${JSON.stringify(r)}\n`),
  });
  draw(result, true);
  await new Promise<void>((r) => report.end(() => r()));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `imported ${args.file}: ${result.done} rows in ${seconds.toFixed(1)} s (${Math.round(result.done / seconds)} rows/s): created ${result.created}, unchanged ${result.unchanged}, rejected ${result.rejected}${result.rejected ? ` (reasons in ${args.report})` : ''}\n`,
  );
  return result.rejected > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`\nerror: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
