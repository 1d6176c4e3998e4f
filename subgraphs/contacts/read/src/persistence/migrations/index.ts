import { CreateContactViews1733000000200 } from './1733000000200-create-contact-views';

export const migrations = [CreateContactViews1733000000200];
