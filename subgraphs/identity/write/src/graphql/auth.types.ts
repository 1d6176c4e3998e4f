import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

@ObjectType({ description: 'A token pair. The refresh token is shown once; send it to refreshSession.' })
export class SessionTokens {
  @Field() accessToken: string;
  @Field() refreshToken: string;
  @Field(() => Int, { description: 'Access token expiry, epoch seconds.' }) expiresAt: number;
  @Field(() => ID) sessionId: string;
}

@ObjectType()
export class AuthPayload {
  @Field(() => SessionTokens, { nullable: true }) tokens: SessionTokens | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class SignOutPayload {
  @Field() signedOut: boolean;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class AuthenticateUserInput {
  @Field({ description: 'The user email.' }) username: string;
  @Field() password: string;
}
