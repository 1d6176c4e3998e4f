import { AppError } from '@crm/platform/errors';
import type { CommunicationChannel, CommunicationTrigger } from '@crm/event-bus/contracts/engagement';
import type { CommunicationTemplateChange, CommunicationTemplateState } from './communication';
import { checkTemplate } from './render-template';

export interface SetCommunicationTemplate {
  trigger: CommunicationTrigger;
  channel: CommunicationChannel;
  language: string;
  name: string;
  subject: string | null;
  content: string;
}

/** Sets the template of a trigger, channel and language (pure): placeholders must name known variables; EMAIL needs a subject. */
export function setCommunicationTemplate(state: CommunicationTemplateState | null, cmd: SetCommunicationTemplate): CommunicationTemplateChange[] {
  const name = cmd.name.trim();
  if (!name || name.length > 200) throw AppError.validation('name', 'must be 1 to 200 characters', 'INVALID_LENGTH');
  if (!/^[A-Z]{2,3}$/.test(cmd.language)) throw AppError.validation('language', 'must be a language code such as ENG', 'INVALID_VALUE');
  const subject = cmd.subject?.trim() || null;
  if (cmd.channel === 'EMAIL' && !subject) throw AppError.validation('subject', 'an email template needs a subject', 'REQUIRED');
  if (subject && subject.length > 500) throw AppError.validation('subject', 'must be at most 500 characters', 'TOO_LONG');
  if (!cmd.content.trim() || cmd.content.length > 20000) throw AppError.validation('content', 'must be 1 to 20000 characters', 'INVALID_LENGTH');
  if (subject) checkTemplate('subject', subject);
  checkTemplate('content', cmd.content);
  const data = { trigger: cmd.trigger, channel: cmd.channel, language: cmd.language, name, subject, content: cmd.content };
  if (state && state.name === name && state.subject === subject && state.content === cmd.content) return [];
  return [{ type: 'communication_template.set', data }];
}
