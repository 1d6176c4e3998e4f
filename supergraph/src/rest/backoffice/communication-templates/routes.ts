import { z } from 'zod';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { defineResource } from '../../kit/resource';
import { mutate } from '../../domains/engagement/handlers';
import { BO_COMMUNICATIONS_TAG as TAG, BO_COMMUNICATIONS_TAG_DOC, SET_COMMUNICATION_TEMPLATE } from '../../domains/engagement/communications';

/** POST /backoffice/v2/communication_templates: the template an event sends, per channel and language. */
export const communicationTemplateBody = z.strictObject({
  trigger: z.enum(['CONTACT_REGISTERED']).describe('The event that sends it: CONTACT_REGISTERED (the welcome).'),
  channel: z.enum(['EMAIL', 'SMS', 'INAPP']),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/)
    .describe('A language code such as ENG: a contact gets its language’s template, else the default language’s, else any.'),
  name: z.string().min(1).max(200),
  subject: z.string().min(1).max(500).optional().describe('Required for EMAIL.'),
  content: z
    .string()
    .min(1)
    .max(20000)
    .describe('`{{first_name}}`, `{{last_name}}`, `{{full_name}}`, `{{email}}`, `{{code}}`; other placeholders are refused.'),
});

/** POST /backoffice/v2/communication_templates → 201 `{id}` (sets the trigger/channel/language template; replaces it when it exists). */
const setTemplate: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(communicationTemplateBody, await ctx.readBody());
  const input = { ...body, language: body.language.toUpperCase(), subject: body.subject ?? null };
  const payload = await mutate(ctx, SET_COMMUNICATION_TEMPLATE, { input }, 'setCommunicationTemplate');
  sendJson(ctx.res, 201, { id: payload.id });
};

/** Templates of event-triggered communications. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'communication-templates',
  openapi: {
    tags: [BO_COMMUNICATIONS_TAG_DOC],
    requestSchemas: [{ name: 'CommunicationTemplateRequest', schema: communicationTemplateBody }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/communication_templates',
      handler: setTemplate,
      operations: [SET_COMMUNICATION_TEMPLATE],
      doc: {
        operationId: 'setCommunicationTemplateBO',
        summary: 'Set a communication template',
        description: 'Needs engagement.manage. One per trigger, channel and language: setting it again replaces it (same id).',
        tag: TAG,
        audience: 'backoffice',
        body: 'CommunicationTemplateRequest',
        writes: true,
        success: { status: 201, description: 'Set; the id of the template.', schema: 'IdResult' },
      },
    },
  ],
});
