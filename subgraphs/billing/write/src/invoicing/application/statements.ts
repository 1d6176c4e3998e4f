import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { decimalOf, minorFromDecimal } from '../domain/decimal';
import type { InvoiceDocument } from '../domain/invoice';

export interface StatementRequest {
  contactId: string;
  accountId: string | null;
  /** First day of the first month and first day after the last month (UTC). */
  from: string;
  to: string;
}

/** A statement's lines: the contact's invoices and credit notes issued in the period, oldest first, with a running balance per currency. */
export function statementLines(docs: InvoiceDocument[]): { doc: InvoiceDocument; balance: string }[] {
  const running = new Map<string, bigint>();
  return [...docs]
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.number < b.number ? -1 : 1))
    .map((doc) => {
      const next = (running.get(doc.currency) ?? 0n) + minorFromDecimal(doc.total, doc.currency);
      running.set(doc.currency, next);
      return { doc, balance: decimalOf(next, doc.currency) };
    });
}

/** Renders the statement as a PDF (pdfkit): header, one row per document, the closing balance per currency. */
export function renderStatement(
  title: string,
  period: { from: string; to: string },
  rows: { doc: InvoiceDocument; balance: string }[],
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Producer: 'crm-platform billing' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.fontSize(16).text(title);
    pdf.moveDown(0.5).fontSize(10).text(`Period: ${period.from} to ${period.to} (exclusive)`);
    pdf.moveDown();
    const header = ['Date', 'Number', 'Type', 'Total', 'Balance'];
    const columns = [48, 130, 230, 340, 440];
    const row = (cells: string[]) => {
      const y = pdf.y;
      cells.forEach((c, i) => pdf.text(c, columns[i]!, y, { width: 95, lineBreak: false }));
      pdf.moveDown();
    };
    row(header);
    for (const r of rows)
      row([r.doc.issuedOn, r.doc.number, r.doc.kind === 'INVOICE' ? 'Invoice' : 'Credit note', `${r.doc.total} ${r.doc.currency}`, r.balance]);
    if (rows.length === 0) pdf.text('No invoices or credit notes in this period.', 48);
    pdf.end();
  });
}

/** Statements of a contact's billing documents, kept as PDF files (one row each). */
export class Statements {
  constructor(private readonly dataSource: DataSource) {}

  async export(tenantId: string, req: StatementRequest): Promise<string> {
    const params: unknown[] = [tenantId, req.contactId, req.from, req.to];
    let where = `tenant_id = $1 AND contact_id = $2 AND (doc->>'issuedOn') >= $3 AND (doc->>'issuedOn') < $4`;
    if (req.accountId) {
      params.push(req.accountId);
      where += ` AND account_id = $5`;
    }
    const docs = (await this.dataSource.query(`SELECT doc FROM invoices WHERE ${where}`, params)) as { doc: InvoiceDocument }[];
    const pdf = await renderStatement(`Statement of account`, { from: req.from, to: req.to }, statementLines(docs.map((d) => d.doc)));
    const id = newId();
    await this.dataSource.query(
      `INSERT INTO billing_statements (tenant_id, id, contact_id, period_from, period_to, pdf, created_at) VALUES ($1, $2, $3, $4::date, $5::date, $6, now())`,
      [tenantId, id, req.contactId, req.from, req.to, pdf],
    );
    return id;
  }

  /** The PDF of a statement (base64), or null when the tenant (or, for a contact, the contact) has none by that id. */
  async get(tenantId: string, id: string, contactId: string | null): Promise<{ id: string; contactId: string; pdf: string } | null> {
    const rows = (await this.dataSource.query(`SELECT id, contact_id, pdf FROM billing_statements WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ])) as {
      id: string;
      contact_id: string;
      pdf: Buffer;
    }[];
    const r = rows[0];
    if (!r || (contactId && r.contact_id !== contactId)) return null;
    return { id: r.id, contactId: r.contact_id, pdf: Buffer.from(r.pdf).toString('base64') };
  }
}

/** The statement period of the contract's months: [first day of from, first day after to). */
export function statementPeriod(from: { month: number; year: number }, to: { month: number; year: number }): { from: string; to: string } {
  const ok = (m: number, y: number) => Number.isInteger(m) && m >= 1 && m <= 12 && Number.isInteger(y) && y >= 2000 && y <= 2100;
  if (!ok(from.month, from.year)) throw AppError.validation('from_month', 'from_month 1 to 12 and from_year 2000 to 2100', 'INVALID_VALUE');
  if (!ok(to.month, to.year)) throw AppError.validation('to_month', 'to_month 1 to 12 and to_year 2000 to 2100', 'INVALID_VALUE');
  const start = new Date(Date.UTC(from.year, from.month - 1, 1));
  const end = new Date(Date.UTC(to.year, to.month, 1));
  if (end <= start) throw AppError.validation('to_month', 'the period ends before it starts', 'INVALID_VALUE');
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
