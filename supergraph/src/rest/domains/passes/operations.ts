import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const PLAN = `id name description state classification currency valueType fixedValues minimum maximum validityType validityPeriod validityUot validityFixedDate
  codeType codePrefix codeSuffix codeLength pinRequired creditPocket commercePoolId promotionId rewardOfferId passesIssued createdAt updatedAt`;
const PASS = `id planId batchId classification state value currency codeHint pinRequired expiresAt creditPocket commercePoolId recipientName recipientMediumType
  recipientMediumValue giftSenderName giftMessage redeemedBy redeemedAt redeemedAtOrganisation transactionId createdAt updatedAt`;
const PROMOTION =
  'id name shortDescription longDescription state currency availableFrom availableTo tags organisationIds rewardOfferId createdAt updatedAt';

export interface GqlPassPlan {
  id: string;
  name: string;
  description: string | null;
  state: string;
  classification: string;
  currency: string;
  valueType: string;
  fixedValues: string[];
  minimum: string | null;
  maximum: string | null;
  validityType: string;
  validityPeriod: number | null;
  validityUot: string | null;
  validityFixedDate: string | null;
  codeType: string;
  codePrefix: string;
  codeSuffix: string;
  codeLength: number;
  pinRequired: boolean;
  creditPocket: string;
  commercePoolId: string | null;
  promotionId: string | null;
  rewardOfferId: string | null;
  passesIssued: number;
  createdAt: string;
  updatedAt: string;
}

export interface GqlPass {
  id: string;
  planId: string;
  batchId: string;
  classification: string;
  state: string;
  value: string;
  currency: string;
  codeHint: string;
  pinRequired: boolean;
  expiresAt: string | null;
  creditPocket: string;
  commercePoolId: string | null;
  recipientName: string | null;
  recipientMediumType: string | null;
  recipientMediumValue: string | null;
  giftSenderName: string | null;
  giftMessage: string | null;
  redeemedBy: string | null;
  redeemedAt: string | null;
  redeemedAtOrganisation: string | null;
  transactionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GqlPromotion {
  id: string;
  name: string;
  shortDescription: string | null;
  longDescription: string | null;
  state: string;
  currency: string;
  availableFrom: string | null;
  availableTo: string | null;
  tags: string[];
  organisationIds: string[];
  rewardOfferId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const CREATE_PASS_PLAN = op(
  'mutation',
  'RestCreatePassPlan',
  `mutation RestCreatePassPlan($input: PassPlanInput!, $idempotencyKey: String) { createPassPlan(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_PASS_PLAN = op(
  'mutation',
  'RestUpdatePassPlan',
  `mutation RestUpdatePassPlan($id: ID!, $input: PassPlanInput!) { updatePassPlan(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const GET_PASS_PLAN = op('query', 'RestGetPassPlan', `query RestGetPassPlan($id: ID!) { passPlan(id: $id) { ${PLAN} } }`);
export const LIST_PASS_PLANS = op(
  'query',
  'RestListPassPlans',
  `query RestListPassPlans($currency: String, $search: String, $state: String, $ascending: Boolean!, $page: Int!, $size: Int!) {
    passPlans(currency: $currency, search: $search, state: $state, ascending: $ascending, page: $page, size: $size) { total hasMore items { ${PLAN} } } }`,
);

export const ISSUE_PASSES = op(
  'mutation',
  'RestIssuePasses',
  `mutation RestIssuePasses($input: IssuePassesInput!) { issuePasses(input: $input) { batchId consistencyToken passes { id code pin viewToken value currency expiresAt } ${USER_ERROR_FIELDS} } }`,
);
export const SET_PASS_STATE = op(
  'mutation',
  'RestSetPassState',
  `mutation RestSetPassState($id: ID!, $state: String!) { setPassState(id: $id, state: $state) { ${PAYLOAD} } }`,
);
export const REDEEM_PASS = op(
  'mutation',
  'RestRedeemPass',
  `mutation RestRedeemPass($input: RedeemPassInput!) { redeemPass(input: $input) { value currency transactionId ${PAYLOAD} } }`,
);
export const GET_PASS = op('query', 'RestGetPass', `query RestGetPass($id: ID!) { pass(id: $id) { ${PASS} } }`);
export const LIST_PASSES = op(
  'query',
  'RestListPasses',
  `query RestListPasses($planId: ID, $state: String, $contactId: ID, $page: Int!, $size: Int!) {
    passes(planId: $planId, state: $state, contactId: $contactId, page: $page, size: $size) { total hasMore items { ${PASS} } } }`,
);
export const PROMO_PASS = op('query', 'RestPromoPass', `query RestPromoPass($token: String!) { promoPass(token: $token) { ${PASS} } }`);

export const CREATE_PROMOTION = op(
  'mutation',
  'RestCreatePromotion',
  `mutation RestCreatePromotion($input: PromotionInput!, $idempotencyKey: String) { createPromotion(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_PROMOTION = op(
  'mutation',
  'RestUpdatePromotion',
  `mutation RestUpdatePromotion($id: ID!, $input: PromotionInput!) { updatePromotion(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const DELETE_PROMOTION = op(
  'mutation',
  'RestDeletePromotion',
  `mutation RestDeletePromotion($id: ID!) { deletePromotion(id: $id) { ${PAYLOAD} } }`,
);
export const GET_PROMOTION = op('query', 'RestGetPromotion', `query RestGetPromotion($id: ID!) { promotion(id: $id) { ${PROMOTION} } }`);
export const LIST_PROMOTIONS = op(
  'query',
  'RestListPromotions',
  `query RestListPromotions($search: String, $tag: String, $organisationId: String, $state: String, $ascending: Boolean!, $page: Int!, $size: Int!) {
    promotions(search: $search, tag: $tag, organisationId: $organisationId, state: $state, ascending: $ascending, page: $page, size: $size) { total hasMore items { ${PROMOTION} } } }`,
);
