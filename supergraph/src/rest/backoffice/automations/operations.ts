import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const AUTOMATION_FIELDS = 'id name event conditions { field operator value } actions enabled version createdAt updatedAt';

export const CREATE_AUTOMATION = op(
  'mutation',
  'RestCreateAutomation',
  `mutation RestCreateAutomation($input: AutomationInput!, $idempotencyKey: String) { createAutomation(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const UPDATE_AUTOMATION = op(
  'mutation',
  'RestUpdateAutomation',
  `mutation RestUpdateAutomation($id: ID!, $input: AutomationInput!) { updateAutomation(id: $id, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DELETE_AUTOMATION = op(
  'mutation',
  'RestDeleteAutomation',
  `mutation RestDeleteAutomation($id: ID!) { deleteAutomation(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const ENABLE_AUTOMATION = op(
  'mutation',
  'RestEnableAutomation',
  `mutation RestEnableAutomation($id: ID!) { enableAutomation(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const DISABLE_AUTOMATION = op(
  'mutation',
  'RestDisableAutomation',
  `mutation RestDisableAutomation($id: ID!) { disableAutomation(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

export const GET_AUTOMATION = op('query', 'RestGetAutomation', `query RestGetAutomation($id: ID!) { automation(id: $id) { ${AUTOMATION_FIELDS} } }`);

export const LIST_AUTOMATIONS = op(
  'query',
  'RestListAutomations',
  `query RestListAutomations($offset: Int!, $size: Int!) { automations(offset: $offset, size: $size) { total content { ${AUTOMATION_FIELDS} } } }`,
);

export const DRY_RUN_AUTOMATION = op(
  'query',
  'RestDryRunAutomation',
  `query RestDryRunAutomation($id: ID!, $event: DryRunEventInput!) { automationDryRun(id: $id, event: $event) { eventMatched matched conditions { field operator value actual passed } actions } }`,
);

export const LIST_AUTOMATION_RUNS = op(
  'query',
  'RestListAutomationRuns',
  `query RestListAutomationRuns($id: ID!, $offset: Int!, $size: Int!) { automationRuns(automationId: $id, offset: $offset, size: $size) { total content { id eventId eventType actionIndex actionType state attempts outcome resultId createdAt finishedAt } } }`,
);

export interface GqlAutomation {
  id: string;
  name: string;
  event: string;
  conditions: { field: string; operator: string; value: unknown }[];
  actions: Record<string, unknown>[];
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GqlRun {
  id: string;
  eventId: string;
  eventType: string;
  actionIndex: number;
  actionType: string;
  state: string;
  attempts: number;
  outcome: string | null;
  resultId: string | null;
  createdAt: string;
  finishedAt: string | null;
}
