import { CreateSubscriptionViews1800000000200 } from './1800000000200-create-subscription-views';
import { CreateDeviceViews1800000000210 } from './1800000000210-create-device-views';
import { CreateUsageViews1800000000220 } from './1800000000220-create-usage-views';
import { CreateProvisioningViews1800000000230 } from './1800000000230-create-provisioning-views';

export const migrations = [
  CreateSubscriptionViews1800000000200,
  CreateDeviceViews1800000000210,
  CreateUsageViews1800000000220,
  CreateProvisioningViews1800000000230,
];
