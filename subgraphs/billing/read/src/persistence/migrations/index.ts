import { CreatePaymentMethodViews1800000000200 } from './1800000000200-create-payment-method-views';
import { CreatePaymentViews1800000000250 } from './1800000000250-create-payment-views';

export const migrations = [CreatePaymentMethodViews1800000000200, CreatePaymentViews1800000000250];
