import { CreatePaymentMethodViews1800000000200 } from './1800000000200-create-payment-method-views';

export const migrations = [CreatePaymentMethodViews1800000000200];
