import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class DeviceCustomFieldInput {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@InputType({ description: 'A physical device (serialNumber, productId) or a push registration (platform, registrationToken).' })
export class RegisterDeviceInput {
  @Field(() => ID) contactId: string;
  @Field(() => String, { description: 'PHYSICAL | PUSH' }) kind: string;
  @Field(() => String, { nullable: true }) serialNumber: string | null;
  @Field(() => String, { nullable: true }) electronicId: string | null;
  @Field(() => String, { nullable: true }) macAddress: string | null;
  @Field(() => String, { nullable: true, description: 'The catalogue product (an opaque id here).' }) productId: string | null;
  @Field(() => String, { nullable: true, description: 'MOBILE | BROWSER | OTHER' }) platform: string | null;
  @Field(() => String, { nullable: true }) registrationToken: string | null;
  @Field(() => String, { nullable: true }) applicationId: string | null;
  @Field(() => [DeviceCustomFieldInput], { nullable: true }) customFields: DeviceCustomFieldInput[] | null;
}

@InputType()
export class MeterReadingInput {
  @Field(() => String, { description: 'An exact decimal string (at most 6 decimals).' }) reading: string;
  @Field(() => Date, { nullable: true }) from: Date | null;
  @Field(() => Date, { nullable: true }) to: Date | null;
}

@InputType()
export class ServiceDeviceInput {
  @Field(() => ID) deviceId: string;
  @Field(() => String, { description: 'ENABLE | DISABLE' }) action: string;
}
