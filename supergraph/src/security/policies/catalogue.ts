import type { Caller, DomainPolicy } from '../policy-table';

/** catalogue.read holders (owner, admin, the admin secret key) and contacts (the catalogue is what they order from). */
const READERS: Caller[] = ['owner', 'admin', 'secret_key', 'contact'];
/** catalogue.write holders: owner, admin, the admin secret key. */
const WRITERS: Caller[] = ['owner', 'admin', 'secret_key'];

/** Who may get past authorization on the catalogue root fields. */
export const policy: DomainPolicy = {
  'Query.product': READERS,
  'Query.products': READERS,
  'Query.productPrice': READERS,
  'Query.productGroup': READERS,
  'Query.productGroups': READERS,
  'Query.orderCatalogue': READERS,
  'Query.orderCatalogues': READERS,
  'Query.orderCatalogueCategories': READERS,
  'Mutation.createProduct': WRITERS,
  'Mutation.updateProduct': WRITERS,
  'Mutation.addProductPrice': WRITERS,
  'Mutation.addProductComponent': WRITERS,
  'Mutation.createProductGroup': WRITERS,
  'Mutation.updateProductGroup': WRITERS,
  'Mutation.deleteProductGroup': WRITERS,
  'Mutation.createOrderCatalogue': WRITERS,
  'Mutation.updateOrderCatalogue': WRITERS,
  // recommendation rules (Back-Office; the Self-Service recommendations read them)
  'Query.recommendationRule': READERS,
  'Query.recommendationRules': READERS,
  'Mutation.createRecommendationRule': WRITERS,
  'Mutation.updateRecommendationRule': WRITERS,
  'Mutation.deleteRecommendationRule': WRITERS,
};
