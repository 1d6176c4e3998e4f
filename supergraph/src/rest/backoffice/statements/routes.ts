import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { canonicalPathId, isUuid } from '../../kit/request';
import { defineResource, mergeFragments } from '../../kit/resource';
import { invoicingFields } from '../../domains/invoicing/mapper';
import { invoicingComponents } from '../../domains/invoicing/openapi';
import { GET_STATEMENT } from '../../domains/invoicing/operations';

const STATEMENT = 'statement' as NotFoundSubject;

/** GET /backoffice/v2/statements/{id} → the statement's PDF. */
const getStatement: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(STATEMENT, raw);
  const data = await ctx.gateway.run(GET_STATEMENT, { id: canonicalPathId(raw) }, invoicingFields);
  const file = data['statement'] as { id: string; mediaType: string; contentBase64: string } | null;
  if (!file) throw recordNotFound(STATEMENT, raw);
  const bytes = Buffer.from(file.contentBase64, 'base64');
  ctx.res.writeHead(200, {
    'content-type': file.mediaType,
    'content-length': String(bytes.length),
    'content-disposition': `inline; filename="statement-${file.id}.pdf"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
  ctx.res.end(bytes);
};

/** Statements of account produced by export_statement (PDF). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'statements',
  pathParameters: { id: 'StatementId' },
  openapi: mergeFragments(invoicingComponents, {
    tags: [{ name: 'Back-office statements', description: 'Statements of account as PDF files (the billing domain).' }],
  }),
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/statements/:id',
      handler: getStatement,
      operations: [GET_STATEMENT],
      doc: {
        operationId: 'getStatementBO',
        summary: 'Get a statement (PDF)',
        description: 'The PDF a statement export produced. Needs billing.read or finance.read.',
        tag: 'Back-office statements',
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The PDF.', binary: true },
      },
    },
  ],
});
