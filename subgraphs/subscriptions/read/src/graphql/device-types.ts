import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class DeviceCustomField {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@ObjectType({ description: "A service on a device: ENABLED or DISABLED, with the service's own state and product when it is known." })
export class DeviceService {
  @Field(() => ID) serviceId: string;
  @Field(() => String, { description: 'ENABLED | DISABLED' }) state: string;
  @Field(() => String, { nullable: true, description: "The service's life cycle state (DRAFT, EFFECTIVE…)." }) serviceState: string | null;
  @Field(() => String, { nullable: true }) productId: string | null;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A meter reading of a physical device.' })
export class MeterReading {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'The reading as an exact decimal string.' }) reading: string;
  @Field(() => Date, { nullable: true }) from: Date | null;
  @Field(() => Date, { nullable: true }) to: Date | null;
  @Field(() => String, { description: 'CONTACT | USER | API_KEY' }) submittedByType: string;
  @Field(() => String) submittedById: string;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({
  description: "A contact's device: PHYSICAL (serial number, product, subscription, services, meter readings) or PUSH (a push registration).",
})
export class Device {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { description: 'PHYSICAL | PUSH' }) kind: string;
  @Field(() => String, { nullable: true }) serialNumber: string | null;
  @Field(() => String, { nullable: true }) electronicId: string | null;
  @Field(() => String, { nullable: true }) macAddress: string | null;
  @Field(() => String, { nullable: true }) productId: string | null;
  @Field(() => String, { nullable: true, description: 'MOBILE | BROWSER | OTHER' }) platform: string | null;
  @Field(() => String, { nullable: true }) registrationToken: string | null;
  @Field(() => String, { nullable: true }) applicationId: string | null;
  @Field(() => [DeviceCustomField]) customFields: DeviceCustomField[];
  @Field(() => ID, { nullable: true }) subscriptionId: string | null;
  @Field(() => [DeviceService]) services: DeviceService[];
  @Field(() => Int) meterReadingCount: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A page of devices.' })
export class DevicePage {
  @Field(() => [Device]) items: Device[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'A page of meter readings.' })
export class MeterReadingPage {
  @Field(() => [MeterReading]) items: MeterReading[];
  @Field(() => Int) total: number;
}
