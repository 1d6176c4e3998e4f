import { CreateContactViews1733000000200 } from './1733000000200-create-contact-views';
import { CreateCommunityRelationshipViews1810000000600 } from './1810000000600-create-community-relationship-views';

export const migrations = [CreateContactViews1733000000200, CreateCommunityRelationshipViews1810000000600];
