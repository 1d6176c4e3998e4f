import { CreateCatalogueViews1800000000200 } from './1800000000200-create-catalogue-views';

export const migrations = [CreateCatalogueViews1800000000200];
