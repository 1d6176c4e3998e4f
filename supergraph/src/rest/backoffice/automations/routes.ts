import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { PAGING_PARAMS, pagingOut, parsePaging } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import type { GqlUserError } from '../../kit/operation';
import {
  CREATE_AUTOMATION,
  DELETE_AUTOMATION,
  DISABLE_AUTOMATION,
  DRY_RUN_AUTOMATION,
  ENABLE_AUTOMATION,
  GET_AUTOMATION,
  LIST_AUTOMATION_RUNS,
  LIST_AUTOMATIONS,
  UPDATE_AUTOMATION,
  type GqlAutomation,
  type GqlRun,
} from './operations';
import {
  automationActionBody,
  automationBody,
  automationPageResponse,
  automationResponse,
  dryRunBody,
  dryRunResponse,
  runPageResponse,
} from './schemas';
import { actionToRest, automationInputOf, plannedToRest } from './mapper';

const TAG = 'Automations';
const BASE = '/backoffice/v2/automations';
/** Its 404 reason (AUTOMATION_NOT_FOUND) is catalogued by integrations-write (src/errors.ts). */
const AUTOMATION = 'automation' as NotFoundSubject;

type IdPayload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

function pathId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(AUTOMATION, raw);
  return canonicalPathId(raw);
}

const present = <K extends string>(key: K, v: unknown) => (v === null || v === undefined ? {} : { [key]: v });

export function automationOut(a: GqlAutomation) {
  return {
    id: a.id,
    name: a.name,
    event: a.event,
    conditions: a.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
    actions: a.actions.map(actionToRest),
    enabled: a.enabled,
    created_date: epochSeconds(a.createdAt),
    updated_date: epochSeconds(a.updatedAt),
  };
}

/** POST /backoffice/v2/automations → 201 `{id}` (Idempotency-Key honoured). */
const createAutomation: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(automationBody, await ctx.readBody());
  const variables = { input: automationInputOf(body), idempotencyKey: idempotencyKeyOf(ctx.req) };
  const payload = await ctx.gateway.mutate<IdPayload>(CREATE_AUTOMATION, variables, 'createAutomation', snakeCaseFields);
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/automations?page=&size=&include_total= → `{paging, content}`, newest first. */
const listAutomations: Handler = async (ctx) => {
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_AUTOMATIONS, { offset: (paging.page - 1) * paging.size, size: paging.size }, snakeCaseFields);
  const page = data['automations'] as { total: number; content: GqlAutomation[] };
  sendJson(ctx.res, 200, { paging: pagingOut(paging, page.total), content: page.content.map(automationOut) });
};

const getAutomation: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx);
  const data = await ctx.gateway.run(GET_AUTOMATION, { id }, snakeCaseFields);
  const found = data['automation'] as GqlAutomation | null | undefined;
  if (!found) throw recordNotFound(AUTOMATION, id);
  sendJson(ctx.res, 200, automationOut(found));
};

const updateAutomation: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx);
  const body = validateBody(automationBody, await ctx.readBody());
  await ctx.gateway.mutate<IdPayload>(UPDATE_AUTOMATION, { id, input: automationInputOf(body) }, 'updateAutomation', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

const deleteAutomation: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx);
  await ctx.gateway.mutate<IdPayload>(DELETE_AUTOMATION, { id }, 'deleteAutomation', snakeCaseFields);
  sendJson(ctx.res, 204, undefined);
};

/** POST /backoffice/v2/automations/{id}/actions `{action: ENABLE | DISABLE}` → 200 `{id}` (nothing when it is so already). */
const automationAction: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx);
  const body = validateBody(automationActionBody, await ctx.readBody());
  const [op, field] = body.action === 'ENABLE' ? [ENABLE_AUTOMATION, 'enableAutomation'] : [DISABLE_AUTOMATION, 'disableAutomation'];
  await ctx.gateway.mutate<IdPayload>(op, { id }, field, snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** POST /backoffice/v2/automations/{id}/dry_run `{event: {type, data}}` → what would run; nothing runs. */
const dryRun: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathId(ctx);
  const body = validateBody(dryRunBody, await ctx.readBody());
  const data = await ctx.gateway.run(DRY_RUN_AUTOMATION, { id, event: { type: body.event.type, data: body.event.data } }, snakeCaseFields);
  const result = data['automationDryRun'] as {
    eventMatched: boolean;
    matched: boolean;
    conditions: { field: string; operator: string; value: unknown; actual: unknown; passed: boolean }[];
    actions: Record<string, unknown>[];
  } | null;
  if (!result) throw recordNotFound(AUTOMATION, id);
  sendJson(ctx.res, 200, {
    matched: result.matched,
    event_matched: result.eventMatched,
    conditions: result.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value, actual: c.actual, passed: c.passed })),
    actions: result.actions.map(plannedToRest),
  });
};

/** GET /backoffice/v2/automations/{id}/runs → each action run for each event, with its outcome, newest first. */
const listRuns: Handler = async (ctx) => {
  const id = pathId(ctx);
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST_AUTOMATION_RUNS, { id, offset: (paging.page - 1) * paging.size, size: paging.size }, snakeCaseFields);
  const page = data['automationRuns'] as { total: number; content: GqlRun[] } | null;
  if (!page) throw recordNotFound(AUTOMATION, id);
  sendJson(ctx.res, 200, {
    paging: pagingOut(paging, page.total),
    content: page.content.map((r) => ({
      id: r.id,
      event_id: r.eventId,
      event_type: r.eventType,
      action_index: r.actionIndex,
      action_type: r.actionType,
      state: r.state,
      attempts: r.attempts,
      ...present('outcome', r.outcome),
      ...present('result_id', r.resultId),
      created_date: epochSeconds(r.createdAt),
      ...(r.finishedAt === null ? {} : { finished_date: epochSeconds(r.finishedAt) }),
    })),
  });
};

const WRITE = 'Needs integrations.write.';
const READ = 'Needs integrations.read.';

/** Automations: an event, conditions on its data, ordered actions run once per matching event; dry runs; the run record. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'automations',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          "Automations of the tenant (CRM.COM's event → filters → ordered actions, in the integrations domain): when a business event of the trigger type arrives and every condition on its data passes, each action runs once (WEBHOOK: the event delivered to an endpoint; ACTIVITY: an activity for the event's contact; ADAPTER: a provider call), recorded with its outcome. An automation never reacts to what its own actions created, and chains stop 3 automations deep. Dry runs show what would run, running nothing.",
      },
    ],
    requestSchemas: [
      { name: 'AutomationRequest', schema: automationBody },
      { name: 'AutomationDryRunRequest', schema: dryRunBody },
      { name: 'AutomationActionRequest', schema: automationActionBody },
    ],
    responseSchemas: [
      { name: 'Automation', schema: automationResponse },
      { name: 'AutomationPage', schema: automationPageResponse },
      { name: 'AutomationDryRun', schema: dryRunResponse },
      { name: 'AutomationRunPage', schema: runPageResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: BASE,
      handler: createAutomation,
      operations: [CREATE_AUTOMATION],
      doc: {
        operationId: 'createAutomationBO',
        summary: 'Create an automation',
        description: `${WRITE} The trigger event must be a known event type; WEBHOOK actions must name an endpoint of the tenant. A repeated Idempotency-Key returns the first result.`,
        tag: TAG,
        audience: 'backoffice',
        body: 'AutomationRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: BASE,
      handler: listAutomations,
      operations: [LIST_AUTOMATIONS],
      doc: {
        operationId: 'listAutomationsBO',
        summary: 'List automations',
        description: `${READ} Newest first.`,
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of automations.', schema: 'AutomationPage' },
      },
    },
    {
      method: 'GET',
      path: `${BASE}/:id`,
      handler: getAutomation,
      operations: [GET_AUTOMATION],
      doc: {
        operationId: 'getAutomationBO',
        summary: 'Get an automation',
        description: READ,
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The automation.', schema: 'Automation' },
      },
    },
    {
      method: 'PUT',
      path: `${BASE}/:id`,
      handler: updateAutomation,
      operations: [UPDATE_AUTOMATION],
      doc: {
        operationId: 'updateAutomationBO',
        summary: 'Change an automation',
        description: `${WRITE} Replaces its name, event, conditions, actions and enabled; events already taken keep the actions they had.`,
        tag: TAG,
        audience: 'backoffice',
        body: 'AutomationRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Changed; the id.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/:id`,
      handler: deleteAutomation,
      operations: [DELETE_AUTOMATION],
      doc: {
        operationId: 'deleteAutomationBO',
        summary: 'Delete an automation',
        description: `${WRITE} It runs no more.`,
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Deleted. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${BASE}/:id/actions`,
      handler: automationAction,
      operations: [ENABLE_AUTOMATION, DISABLE_AUTOMATION],
      doc: {
        operationId: 'automationActionBO',
        summary: 'Enable or disable an automation',
        description: `${WRITE} ENABLE: events from now on run it; DISABLE: events no longer run it (runs already started finish). Nothing changes when it is so already.`,
        tag: TAG,
        audience: 'backoffice',
        body: 'AutomationActionRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Done; the id.', schema: 'IdResult' },
      },
    },
    {
      method: 'POST',
      path: `${BASE}/:id/dry_run`,
      handler: dryRun,
      operations: [DRY_RUN_AUTOMATION],
      doc: {
        operationId: 'dryRunAutomationBO',
        summary: 'Dry-run an automation against a sample event',
        description: `${READ} Evaluates every condition against the sample event's data (showing the value found) and lists the actions that would run. Nothing runs and nothing is written.`,
        tag: TAG,
        audience: 'backoffice',
        body: 'AutomationDryRunRequest',
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'What would happen.', schema: 'AutomationDryRun' },
      },
    },
    {
      method: 'GET',
      path: `${BASE}/:id/runs`,
      handler: listRuns,
      operations: [LIST_AUTOMATION_RUNS],
      doc: {
        operationId: 'listAutomationRunsBO',
        summary: 'Action runs of an automation',
        description: `${READ} One row per event and action, with its state and outcome, newest first.`,
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'A page of runs.', schema: 'AutomationRunPage' },
      },
    },
  ],
});
