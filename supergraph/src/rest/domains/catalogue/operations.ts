import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const PERIOD = `duration uot`;
export const PRICE_FIELDS = `id price currencyCode taxModel priceModel supplyMethod isDefault tiers { lower upper price }
  priceTerms { billingPeriod { ${PERIOD} } trialPeriod { ${PERIOD} } contractPeriod { ${PERIOD} } autoRenewed billingModel }`;
export const PRODUCT_FIELDS = `id sku name classification composition description typeId brandId familyId categoryIds availability instanceModel
  isStockable isProvisionable isModifier negativeBalanceAllowed variantOf characteristics { key value }
  prices { ${PRICE_FIELDS} } components { id itemType itemId mandatory minimumQuantity maximumQuantity priceInclusive } createdAt updatedAt`;
export const GROUP_FIELDS = `id kind name description code parentId classification composition childCount createdAt updatedAt`;
export const CATALOGUE_FIELDS = `id name description supplyMethods productIds categoryIds timeAvailability { dayOfWeek startTime endTime } createdAt updatedAt`;
const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;

export const GET_PRODUCT = op('query', 'RestGetProduct', `query RestGetProduct($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`);
export const LIST_PRODUCTS = op(
  'query',
  'RestListProducts',
  `query RestListProducts($filter: ProductFilterInput, $page: CataloguePageInput) { products(filter: $filter, page: $page) { items { ${PRODUCT_FIELDS} } hasMore total } }`,
);
export const LIST_GROUPS = op(
  'query',
  'RestListProductGroups',
  `query RestListProductGroups($kind: ProductGroupKind, $filter: ProductGroupFilterInput, $page: CataloguePageInput) { productGroups(kind: $kind, filter: $filter, page: $page) { items { ${GROUP_FIELDS} } hasMore total } }`,
);
export const GET_GROUP = op(
  'query',
  'RestGetProductGroup',
  `query RestGetProductGroup($kind: ProductGroupKind!, $id: ID!) { productGroup(kind: $kind, id: $id) { ${GROUP_FIELDS} } }`,
);
export const GET_ORDER_CATALOGUE = op(
  'query',
  'RestGetOrderCatalogue',
  `query RestGetOrderCatalogue($id: ID!) { orderCatalogue(id: $id) { ${CATALOGUE_FIELDS} } }`,
);
export const LIST_ORDER_CATALOGUES = op(
  'query',
  'RestListOrderCatalogues',
  `query RestListOrderCatalogues($filter: OrderCatalogueFilterInput, $page: CataloguePageInput) { orderCatalogues(filter: $filter, page: $page) { items { ${CATALOGUE_FIELDS} } hasMore total } }`,
);
export const ORDER_CATALOGUE_CATEGORIES = op(
  'query',
  'RestOrderCatalogueCategories',
  `query RestOrderCatalogueCategories($id: ID!, $parentId: ID) { orderCatalogueCategories(id: $id, parentId: $parentId) { category { ${GROUP_FIELDS} } products { id sku name } } }`,
);

export const CREATE_PRODUCT = op(
  'mutation',
  'RestCreateProduct',
  `mutation RestCreateProduct($input: CreateProductInput!, $idempotencyKey: String) { createProduct(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_PRODUCT = op(
  'mutation',
  'RestUpdateProduct',
  `mutation RestUpdateProduct($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const ADD_PRICE = op(
  'mutation',
  'RestAddProductPrice',
  `mutation RestAddProductPrice($productId: ID!, $input: AddPriceInput!, $idempotencyKey: String) { addProductPrice(productId: $productId, input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const ADD_COMPONENT = op(
  'mutation',
  'RestAddProductComponent',
  `mutation RestAddProductComponent($productId: ID!, $input: AddComponentInput!) { addProductComponent(productId: $productId, input: $input) { ${PAYLOAD} } }`,
);
export const CREATE_GROUP = op(
  'mutation',
  'RestCreateProductGroup',
  `mutation RestCreateProductGroup($kind: ProductGroupKind!, $input: ProductGroupInput!, $idempotencyKey: String) { createProductGroup(kind: $kind, input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_GROUP = op(
  'mutation',
  'RestUpdateProductGroup',
  `mutation RestUpdateProductGroup($kind: ProductGroupKind!, $id: ID!, $input: ProductGroupInput!) { updateProductGroup(kind: $kind, id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const DELETE_GROUP = op(
  'mutation',
  'RestDeleteProductGroup',
  `mutation RestDeleteProductGroup($kind: ProductGroupKind!, $id: ID!) { deleteProductGroup(kind: $kind, id: $id) { ${PAYLOAD} } }`,
);
export const CREATE_ORDER_CATALOGUE = op(
  'mutation',
  'RestCreateOrderCatalogue',
  `mutation RestCreateOrderCatalogue($input: OrderCatalogueInput!, $idempotencyKey: String) { createOrderCatalogue(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_ORDER_CATALOGUE = op(
  'mutation',
  'RestUpdateOrderCatalogue',
  `mutation RestUpdateOrderCatalogue($id: ID!, $input: OrderCatalogueInput!) { updateOrderCatalogue(id: $id, input: $input) { ${PAYLOAD} } }`,
);

export interface GqlPeriod {
  duration: number;
  uot: string;
}
export interface GqlPrice {
  id: string;
  price: string;
  currencyCode: string;
  taxModel: string;
  priceModel: string;
  supplyMethod: string | null;
  isDefault: boolean;
  tiers: { lower: number; upper: number | null; price: string }[];
  priceTerms: {
    billingPeriod: GqlPeriod;
    trialPeriod: GqlPeriod | null;
    contractPeriod: GqlPeriod | null;
    autoRenewed: boolean;
    billingModel: string;
  } | null;
}
export interface GqlComponent {
  id: string;
  itemType: string;
  itemId: string;
  mandatory: boolean;
  minimumQuantity: number;
  maximumQuantity: number | null;
  priceInclusive: boolean;
}
export interface GqlProduct {
  id: string;
  sku: string;
  name: string;
  classification: string;
  composition: string;
  description: string | null;
  typeId: string | null;
  brandId: string | null;
  familyId: string | null;
  categoryIds: string[];
  availability: string;
  instanceModel: string;
  isStockable: boolean;
  isProvisionable: boolean;
  isModifier: boolean;
  negativeBalanceAllowed: boolean;
  variantOf: string | null;
  characteristics: { key: string; value: string }[];
  prices: GqlPrice[];
  components: GqlComponent[];
  createdAt: string;
  updatedAt: string;
}
export interface GqlGroup {
  id: string;
  kind: string;
  name: string;
  description: string | null;
  code: string | null;
  parentId: string | null;
  classification: string | null;
  composition: string | null;
  childCount: number;
  createdAt: string;
  updatedAt: string;
}
export interface GqlOrderCatalogue {
  id: string;
  name: string;
  description: string | null;
  supplyMethods: string[];
  productIds: string[];
  categoryIds: string[];
  timeAvailability: { dayOfWeek: string; startTime: string | null; endTime: string | null }[];
  createdAt: string;
  updatedAt: string;
}
export interface GqlPage<T> {
  items: T[];
  hasMore: boolean;
  total: number | null;
}
export interface GqlPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: { code: string; reason: string | null; field: string | null; message: string }[];
}
