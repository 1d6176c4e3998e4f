import { CreateWidgetViews1800000000200 } from './1800000000200-create-widget-views';

export const migrations = [CreateWidgetViews1800000000200];
