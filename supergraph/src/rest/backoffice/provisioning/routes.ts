import { defineResource } from '../../kit/resource';
import { answerCommandBody, ANSWER_COMMAND, answerServiceCommand } from '../../domains/provisioning/handlers';

const TAG = 'Back-office provisioning';

/** The provisioning integrations' answers to service commands (the subscriptions domain). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'provisioning',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Answers of provisioning integrations to the service commands sent to them.' }],
    requestSchemas: [{ name: 'AnswerServiceCommandRequest', schema: answerCommandBody }],
  },
  routes: [
    {
      method: 'PUT',
      path: '/backoffice/v2/provisioning/service_commands/:id',
      handler: answerServiceCommand,
      operations: [ANSWER_COMMAND],
      doc: {
        operationId: 'answerServiceCommandBO',
        summary: "A provisioning integration's answer",
        description:
          'COMPLETED, REJECTED (with a reason) or IGNORED; the same answer again changes nothing, another one is a 409. Needs subscriptions.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'AnswerServiceCommandRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The command.', schema: 'IdResult' },
      },
    },
  ],
});
