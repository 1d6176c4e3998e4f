import { AppError } from '@crm/platform/errors';
import type { WidgetChange, WidgetState } from './widget';

export interface CreateWidget {
  name: string;
}

export const MAX_NAME_LENGTH = 100;

/** Creates a widget: a name of 1 to ${MAX_NAME_LENGTH} characters once trimmed (pure). */
export function createWidget(state: WidgetState | null, cmd: CreateWidget): WidgetChange[] {
  if (state) throw new AppError('CONFLICT', 'the widget exists already', { reason: 'WIDGET_EXISTS' });
  const name = cmd.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > MAX_NAME_LENGTH) throw AppError.validation('name', `must be at most ${MAX_NAME_LENGTH} characters`, 'TOO_LONG');
  return [{ type: 'widget.created', data: { name } }];
}
