import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { canonicalPathId, isUuid } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { invoicingFields } from '../../domains/invoicing/mapper';
import { invoicingComponents } from '../../domains/invoicing/openapi';
import { EXPORT_STATEMENT } from '../../domains/invoicing/operations';
import { exportStatementBody } from '../../domains/invoicing/schemas';

/**
 * POST /self-service/v2/contacts/{id}/export_statement → 201 (no body; `Location` names the PDF): a PDF statement of the
 * contact's invoices and credit notes issued in the months asked (the contact's own only). EMAIL
 * is not served yet (400 naming format).
 */
const exportStatement: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw AppError.notFound('contact', raw);
  const body = validateBody(exportStatementBody, await ctx.readBody());
  if (body.format === 'EMAIL') throw AppError.validation('format', 'EMAIL statements are not served yet; ask for PDF', 'INVALID_VALUE');
  const data = await ctx.gateway.run(
    EXPORT_STATEMENT,
    {
      contactId: canonicalPathId(raw),
      accountId: body.account_id ?? null,
      fromMonth: body.from_month,
      fromYear: body.from_year,
      toMonth: body.to_month,
      toYear: body.to_year,
    },
    invoicingFields,
  );
  // the contract's 201 declares no body: the statement is named by Location (and x-statement-id)
  const id = data['exportStatement'] as string;
  sendJson(ctx.res, 201, undefined, { location: `/backoffice/v2/statements/${id}`, 'x-statement-id': id });
};

/** Contact statements (the billing domain: a PDF of the contact's invoices and credit notes). */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-statements',
  pathParameters: { id: 'StatementContactId' },
  openapi: mergeFragments(invoicingComponents, {
    tags: [{ name: 'Contact statements', description: "A contact's statement of account (the billing domain)." }],
  }),
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/export_statement',
      handler: exportStatement,
      operations: [EXPORT_STATEMENT],
      doc: {
        operationId: 'exportStatementSS',
        summary: 'Export a statement',
        description:
          "A PDF statement of the contact's invoices and credit notes issued from from_month/from_year to to_month/to_year (inclusive), with a running balance per currency; only documents posted to account_id when given. The signed-in contact's own only (another contact: 404). The 201 has no body (as the contract declares): the Location header names the PDF (GET /backoffice/v2/statements/{id}), x-statement-id its id. format EMAIL: 400 (not served yet).",
        tag: 'Contact statements',
        audience: 'selfservice',
        body: 'ExportStatementRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'The statement was produced; Location names its PDF. No body.' },
      },
    },
  ],
});
