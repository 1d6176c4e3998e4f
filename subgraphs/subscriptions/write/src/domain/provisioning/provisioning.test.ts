import { describe, it } from 'node:test';
import { PROVISIONING_COMMAND_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { validateChange } from '../validate-change';
import type { ServiceRef } from '../usage/usage';
import { evolveProvisioning, type ProvisioningChange, type ProvisioningCommandState } from './provisioning';
import { requestCommand, type RequestCommand } from './request-command';
import { answerCommand, type AnswerCommand } from './answer-command';

const at = new Date('2026-05-10T10:00:00.000Z');
const ID = '00000000-0000-4000-8000-00000000f101';
const service: ServiceRef = {
  id: '00000000-0000-4000-8000-00000000a001',
  subscriptionId: '00000000-0000-4000-8000-00000000e001',
  contactId: '00000000-0000-4000-8000-00000000c001',
  state: 'EFFECTIVE',
};
const validate = (c: ProvisioningChange, v: number) => validateChange(c, v, at, PROVISIONING_COMMAND_AGGREGATE);
const requests = deciderSpecification<ProvisioningCommandState, ProvisioningChange, RequestCommand>({
  decide: requestCommand,
  evolve: evolveProvisioning,
  at,
  validate,
});
const answers = deciderSpecification<ProvisioningCommandState, ProvisioningChange, AnswerCommand>({
  decide: answerCommand,
  evolve: evolveProvisioning,
  at,
  validate,
});

const requested = (code: 'REFRESH' | 'RESET_PIN' = 'REFRESH', metadata: { key: string; value: string }[] = []): ProvisioningChange => ({
  type: 'provisioning.command_requested',
  data: { serviceId: service.id, subscriptionId: service.subscriptionId, contactId: service.contactId, integrationId: 'tv-platform', code, metadata },
});
const answered = (state: 'COMPLETED' | 'REJECTED' | 'IGNORED', reason: string | null = null): ProvisioningChange => ({
  type: 'provisioning.command_answered',
  data: { serviceId: service.id, state, reason },
});

describe('requestCommand', () => {
  const send = (extra: Partial<RequestCommand> = {}): RequestCommand => ({
    service,
    integrationId: 'tv-platform',
    code: 'REFRESH',
    metadata: [],
    ...extra,
  });
  it('sends a known command with its metadata to a service in use', () => {
    requests.given().when(send()).then([requested()]);
    requests
      .given()
      .when(send({ service: { ...service, state: 'PAUSED' } }))
      .then([requested()]);
    requests
      .given()
      .when(send({ code: 'RESET_PIN', metadata: [{ key: 'pin', value: '1234' }] }))
      .then([requested('RESET_PIN', [{ key: 'pin', value: '1234' }])]);
  });
  it('refuses an unknown code, unknown or missing metadata, a service not in use', () => {
    requests
      .given()
      .when(send({ code: 'REBOOT' }))
      .thenFails({ field: 'code' });
    requests
      .given()
      .when(send({ metadata: [{ key: 'pin', value: '1' }] }))
      .thenFails({ field: 'metadataAttributes[0].key' });
    requests
      .given()
      .when(send({ code: 'RESET_PIN' }))
      .thenFails({ field: 'metadataAttributes' });
    for (const state of ['DRAFT', 'CANCELLED', 'NOT_EFFECTIVE'] as const)
      requests
        .given()
        .when(send({ service: { ...service, state } }))
        .thenFails({ reason: 'SERVICE_NOT_EFFECTIVE' });
  });
});

describe('answerCommand', () => {
  it('settles a PENDING command once; the same answer again changes nothing, another is a conflict', () => {
    answers
      .given(requested())
      .when({ commandId: ID, state: 'COMPLETED', reason: null })
      .then([answered('COMPLETED')]);
    answers.given(requested(), answered('COMPLETED')).when({ commandId: ID, state: 'COMPLETED', reason: null }).then([]);
    answers
      .given(requested(), answered('COMPLETED'))
      .when({ commandId: ID, state: 'REJECTED', reason: 'x' })
      .thenFails({ reason: 'PROVISIONING_COMMAND_ANSWERED' });
    answers
      .given(requested())
      .when({ commandId: ID, state: 'REJECTED', reason: 'box offline' })
      .then([answered('REJECTED', 'box offline')]);
  });
  it('needs a reason to reject, and a command to answer', () => {
    answers.given(requested()).when({ commandId: ID, state: 'REJECTED', reason: null }).thenFails({ field: 'reason' });
    answers.given().when({ commandId: ID, state: 'IGNORED', reason: null }).thenFails({ reason: 'PROVISIONING_COMMAND_NOT_FOUND' });
  });
});
