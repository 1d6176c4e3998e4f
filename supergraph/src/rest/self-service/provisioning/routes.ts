import { defineResource } from '../../kit/resource';
import {
  commandListResponse,
  commandStateResponse,
  listServiceCommands,
  SEND_COMMAND,
  SERVICE_COMMANDS,
  sendCommandBody,
  sendServiceCommand,
} from '../../domains/provisioning/handlers';

const TAG = 'Provisioning Providers';
const WHO = 'With the secret api_key or a back-office user token, as the contract declares; needs subscriptions.write to send.';

/** The Provisioning Providers tag (the subscriptions domain), and the integrations' answer route. */
export const resource = defineResource({
  family: 'self-service',
  name: 'provisioning',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    parameters: {
      ProvisioningIntegrationId: {
        name: 'integration_id',
        in: 'query',
        required: false,
        description: 'The provisioning integration.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    tags: [{ name: TAG, description: 'Service commands sent to provisioning integrations (REFRESH, RESET_PIN), answered by their plugins.' }],
    requestSchemas: [{ name: 'SendServiceCommandRequest', schema: sendCommandBody }],
    responseSchemas: [
      { name: 'ServiceCommandList', schema: commandListResponse },
      { name: 'ServiceCommandState', schema: commandStateResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/provisioning/service_commands',
      handler: listServiceCommands,
      operations: [SERVICE_COMMANDS],
      doc: {
        operationId: 'listServiceCommandsSS',
        summary: 'List the service commands',
        description: `The commands a provisioning integration takes and their metadata attributes. ${WHO}`,
        tag: TAG,
        audience: 'backoffice',
        query: ['ProvisioningIntegrationId'],
        success: { status: 200, description: 'The commands.', schema: 'ServiceCommandList' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/provisioning/service_commands',
      handler: sendServiceCommand,
      operations: [SEND_COMMAND],
      doc: {
        operationId: 'sendServiceCommandSS',
        summary: 'Send a service command',
        description: `To a service in use (EFFECTIVE or PAUSED; otherwise 409): PENDING, and a provisioning.command_requested event the integration's plugin consumes; its answer (PUT /backoffice/v2/provisioning/service_commands/{id}, the id being the event's aggregate id) settles it and shows on the service (GraphQL Service.provisioningCommands). ${WHO}`,
        tag: TAG,
        audience: 'backoffice',
        body: 'SendServiceCommandRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The command state (PENDING).', schema: 'ServiceCommandState' },
      },
    },
  ],
});
