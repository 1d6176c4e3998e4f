import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { op } from '../../kit/operation';
import { isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { UPLOAD_FILE, type GqlFilePayload } from '../../domains/settings/files';
import { renderPdf, type PrintoutDocument } from './pdf';

const TAG = 'Self-service printouts';
/** ORDER_NOT_FOUND is catalogued by the orders domain. */
const ORDER = 'order' as NotFoundSubject;

/** The contract's entity types; those this platform can print so far. */
const ENTITY_TYPES = [
  'INVOICE',
  'ORDERS',
  'PAYMENT',
  'CREDIT_NOTE',
  'REFUND',
  'PAYOUT',
  'SERVICE_REQUEST',
  'SUBSCRIPTIONS',
  'REWARD_OFFERS',
  'TOP_UP',
] as const;
const PRINTABLE = ['ORDERS'] as const;
const FORMATS = ['EMAIL', 'WEB_VIEW', 'PDF'] as const;

const ORDER_FOR_PRINT = op(
  'query',
  'RestPrintoutOrder',
  `query RestPrintoutOrder($id: ID!) { order(id: $id) { id number state currency supplyMethod submittedAt net tax discount total walletFunds amountToCollect items { sku name quantity unitPrice total } } }`,
);

interface GqlOrder {
  id: string;
  number: string;
  state: string;
  currency: string;
  supplyMethod: string;
  submittedAt: string;
  net: string;
  tax: string;
  discount: string;
  total: string;
  walletFunds: string;
  amountToCollect: string;
  items: { sku: string; name: string; quantity: number; unitPrice: string; total: string }[];
}

const printoutBody = z.strictObject({
  entity: z.strictObject({ type: z.enum(ENTITY_TYPES), id: z.string().max(64) }),
  format: z.enum(FORMATS),
});

/** An order as printed lines (what the contact sees on its receipt). */
export function orderDocument(o: GqlOrder): PrintoutDocument {
  const money = (v: string) => `${v} ${o.currency}`;
  return {
    title: `Order ${o.number}`,
    lines: [
      `Submitted: ${new Date(o.submittedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      `State: ${o.state}    Supply: ${o.supplyMethod}`,
      '',
      ...o.items.map((i) => `${i.quantity} x ${i.name} (${i.sku}) @ ${money(i.unitPrice)} = ${money(i.total)}`),
      '',
      `Net: ${money(o.net)}`,
      `Discount: ${money(o.discount)}`,
      `Tax: ${money(o.tax)}`,
      `Total: ${money(o.total)}`,
      `Paid from wallet: ${money(o.walletFunds)}`,
      `To collect: ${money(o.amountToCollect)}`,
    ],
  };
}

/**
 * POST /self-service/v2/printout `{entity: {type, id}, format}` → 201 `{id}`: the entity rendered
 * as a PDF and stored as a file of the caller (GET /files/{id} downloads it).
 */
const printout: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(printoutBody, await ctx.readBody());
  if (body.format !== 'PDF') throw AppError.validation('format', 'only PDF printouts are produced so far', 'INVALID_ENUM');
  if (!(PRINTABLE as readonly string[]).includes(body.entity.type))
    throw AppError.validation('entity.type', `printouts exist for ${PRINTABLE.join(', ')} so far`, 'INVALID_ENUM');
  if (!isUuid(body.entity.id)) throw recordNotFound(ORDER, body.entity.id);
  const id = body.entity.id.toLowerCase();
  const data = await ctx.gateway.run(ORDER_FOR_PRINT, { id }, snakeCaseFields);
  const order = data['order'] as GqlOrder | null | undefined;
  if (!order) throw recordNotFound(ORDER, id);
  const pdf = renderPdf(orderDocument(order));
  const input = { entityType: 'ORDERS', name: `order-${order.number}.pdf`, contentBase64: pdf.toString('base64') };
  const file = await ctx.gateway.mutate<GqlFilePayload>(UPLOAD_FILE, { input }, 'uploadFile', snakeCaseFields);
  sendJson(ctx.res, 201, { id: file.id });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'printout',
  openapi: {
    tags: [{ name: TAG, description: 'Printouts of documents (PDF), stored as files of the caller.' }],
    requestSchemas: [{ name: 'PrintoutRequest', schema: printoutBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/self-service/v2/printout',
      handler: printout,
      operations: [ORDER_FOR_PRINT, UPLOAD_FILE],
      doc: {
        operationId: 'printoutSS',
        summary: 'Print a document',
        description:
          "PDF of an order of the contact (entity.type ORDERS), stored as a file of the contact: the answer is its id, GET /files/{id} downloads it. Other entity types and the EMAIL and WEB_VIEW formats are 400 naming the field (not produced yet). Another contact's or an unknown order is 404.",
        tag: TAG,
        audience: 'contact',
        body: 'PrintoutRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Created; the id of the PDF file.', schema: 'IdResult' },
      },
    },
  ],
});
