import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;

const SCHEME =
  'id name signUpOption emailDomains termsAndConditions resolution clawBack state isSigned membership signedUpAt signedUpEmail createdAt updatedAt';
const OFFER = `id schemeId schemeName name shortDescription termsAndConditions type goal priority currency state validityDays commercePoolId createdAt updatedAt
  conditions { minAmount organisationIds classifications productSkus productCategories daysOfWeek timeWindows { from to } timeZone tiers }
  award { method amount percent productSkus productCategories } caps { perPurchase perContact { amount period } }`;
const STEP = 'key kind offerId amount currency commercePoolId expiresAt outcome transactionId';
const PURCHASE = `id referenceNumber contactId organisationId currency state classification awarded purchasedAt createdAt updatedAt
  amounts { total net tax discount } products { sku category quantity net } spend { requested spent transactionId }
  steps { ${STEP} } returns { number net }
  explanation { evaluations { offerId offerName schemeId priority eligible computed capped selected note conditions { condition passed detail } } resolutions { schemeId rule } postings { ${STEP} } }`;

export const CREATE_REWARD_SCHEME = op(
  'mutation',
  'RestCreateRewardScheme',
  `mutation RestCreateRewardScheme($input: CreateRewardSchemeInput!, $idempotencyKey: String) { createRewardScheme(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const SET_REWARD_SCHEME_STATE = op(
  'mutation',
  'RestSetRewardSchemeState',
  `mutation RestSetRewardSchemeState($id: ID!, $state: String!) { setRewardSchemeState(id: $id, state: $state) { ${PAYLOAD} } }`,
);
export const GET_REWARD_SCHEME = op(
  'query',
  'RestGetRewardScheme',
  `query RestGetRewardScheme($id: ID!, $contactId: ID) { rewardScheme(id: $id, contactId: $contactId) { ${SCHEME} } }`,
);
export const LIST_REWARD_SCHEMES = op(
  'query',
  'RestListRewardSchemes',
  `query RestListRewardSchemes($contactId: ID, $isSigned: Boolean, $name: String) { rewardSchemes(contactId: $contactId, isSigned: $isSigned, name: $name) { ${SCHEME} } }`,
);
export const SIGN_UP_REWARD_SCHEME = op(
  'mutation',
  'RestSignUpRewardScheme',
  `mutation RestSignUpRewardScheme($input: RewardSignUpInput!) { signUpRewardScheme(input: $input) { verificationCode ${PAYLOAD} } }`,
);
export const VERIFY_REWARD_SIGN_UP = op(
  'mutation',
  'RestVerifyRewardSignUp',
  `mutation RestVerifyRewardSignUp($code: String!) { verifyRewardSchemeSignUp(code: $code) { ${PAYLOAD} } }`,
);

export const CREATE_REWARD_OFFER = op(
  'mutation',
  'RestCreateRewardOffer',
  `mutation RestCreateRewardOffer($input: CreateRewardOfferInput!, $idempotencyKey: String) { createRewardOffer(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const SET_REWARD_OFFER_STATE = op(
  'mutation',
  'RestSetRewardOfferState',
  `mutation RestSetRewardOfferState($id: ID!, $state: String!) { setRewardOfferState(id: $id, state: $state) { ${PAYLOAD} } }`,
);
export const GET_REWARD_OFFER = op('query', 'RestGetRewardOffer', `query RestGetRewardOffer($id: ID!) { rewardOffer(id: $id) { ${OFFER} } }`);
export const LIST_REWARD_OFFERS = op(
  'query',
  'RestListRewardOffers',
  `query RestListRewardOffers($schemeId: ID, $state: String, $page: Int!, $size: Int!) { rewardOffers(schemeId: $schemeId, state: $state, page: $page, size: $size) { total hasMore items { ${OFFER} } } }`,
);

export const SUBMIT_PURCHASE = op(
  'mutation',
  'RestSubmitPurchase',
  `mutation RestSubmitPurchase($input: SubmitPurchaseInput!, $idempotencyKey: String) { submitPurchase(input: $input, idempotencyKey: $idempotencyKey) { referenceNumber ${PAYLOAD} } }`,
);
export const PURCHASE_ACTION = op(
  'mutation',
  'RestPurchaseAction',
  `mutation RestPurchaseAction($id: ID!, $input: PurchaseActionInput!) { purchaseAction(id: $id, input: $input) { referenceNumber ${PAYLOAD} } }`,
);
export const GET_PURCHASE = op('query', 'RestGetPurchase', `query RestGetPurchase($id: ID!) { purchase(id: $id) { ${PURCHASE} } }`);
export const LIST_PURCHASES = op(
  'query',
  'RestListPurchases',
  `query RestListPurchases($contactId: ID, $page: Int!, $size: Int!) { purchases(contactId: $contactId, page: $page, size: $size) { total hasMore items { ${PURCHASE} } } }`,
);

export interface GqlRewardScheme {
  id: string;
  name: string;
  signUpOption: string;
  emailDomains: string[];
  termsAndConditions: string | null;
  resolution: string;
  clawBack: string;
  state: string;
  isSigned: boolean | null;
  membership: string | null;
  signedUpAt: string | null;
  signedUpEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GqlRewardOffer {
  id: string;
  schemeId: string;
  schemeName: string | null;
  name: string;
  shortDescription: string | null;
  termsAndConditions: string | null;
  type: string;
  goal: string;
  priority: number;
  currency: string;
  state: string;
  validityDays: number | null;
  commercePoolId: string | null;
  createdAt: string;
  updatedAt: string;
  conditions: {
    minAmount: string | null;
    organisationIds: string[];
    classifications: string[];
    productSkus: string[];
    productCategories: string[];
    daysOfWeek: string[];
    timeWindows: { from: string; to: string }[];
    timeZone: string;
    tiers: string[];
  };
  award: { method: string; amount: string | null; percent: string | null; productSkus: string[]; productCategories: string[] };
  caps: { perPurchase: string | null; perContact: { amount: string; period: string } | null };
}

export interface GqlPurchaseStep {
  key: string;
  kind: string;
  offerId: string | null;
  amount: string;
  currency: string;
  commercePoolId: string | null;
  expiresAt: string | null;
  outcome: string | null;
  transactionId: string | null;
}

export interface GqlPurchase {
  id: string;
  referenceNumber: string;
  contactId: string;
  organisationId: string | null;
  currency: string;
  state: string;
  classification: string | null;
  awarded: string;
  purchasedAt: string;
  createdAt: string;
  updatedAt: string;
  amounts: { total: string; net: string; tax: string | null; discount: string | null };
  products: { sku: string; category: string | null; quantity: number; net: string }[];
  spend: { requested: string; spent: string; transactionId: string | null } | null;
  steps: GqlPurchaseStep[];
  returns: { number: number; net: string }[];
  explanation: {
    evaluations: {
      offerId: string;
      offerName: string;
      schemeId: string;
      priority: number;
      eligible: boolean;
      computed: string;
      capped: string;
      selected: boolean;
      note: string;
      conditions: { condition: string; passed: boolean; detail: string }[];
    }[];
    resolutions: { schemeId: string; rule: string }[];
    postings: GqlPurchaseStep[];
  };
}

export const ISSUE_CONTACT_TOKEN = op(
  'mutation',
  'RestIssueContactToken',
  `mutation RestIssueContactToken($input: IssueContactTokenInput!) { issueContactToken(input: $input) { value expiresAt spendAmount ${PAYLOAD} } }`,
);
export const LIST_CONTACT_TOKENS = op(
  'query',
  'RestListContactTokens',
  `query RestListContactTokens($contactId: ID!) { contactTokens(contactId: $contactId) { id intent spendAmount expiresAt } }`,
);

export interface GqlContactToken {
  id: string;
  intent: string;
  spendAmount: string | null;
  expiresAt: string;
}

export const REWARD_OFFER_PERFORMANCE = op(
  'query',
  'RestRewardOfferPerformance',
  `query RestRewardOfferPerformance($id: ID!, $contactId: ID) { rewardOfferPerformance(id: $id, contactId: $contactId) { type current target progress } }`,
);
export const REWARD_MERCHANTS = op('query', 'RestRewardMerchants', `query RestRewardMerchants { rewardMerchants }`);
