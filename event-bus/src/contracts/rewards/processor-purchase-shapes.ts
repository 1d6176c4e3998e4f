export const PROCESSOR_PURCHASE_AGGREGATE = 'processor_purchase';
