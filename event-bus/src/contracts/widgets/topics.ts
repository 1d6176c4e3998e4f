import { topicOf } from '../../envelope';

export const WIDGETS_TOPIC = topicOf('widgets');
export const WIDGET_AGGREGATE = 'widget';
