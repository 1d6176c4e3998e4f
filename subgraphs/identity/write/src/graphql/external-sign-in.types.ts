import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

export enum ExternalIdentityProvider {
  OIDC_OAUTH = 'OIDC_OAUTH',
  GOOGLE = 'GOOGLE',
  FACEBOOK = 'FACEBOOK',
}
registerEnumType(ExternalIdentityProvider, { name: 'ExternalIdentityProvider' });

@InputType()
export class AuthenticateContactExternalInput {
  @Field(() => ExternalIdentityProvider) provider: ExternalIdentityProvider;
  @Field(() => String, { nullable: true, description: 'OIDC_OAUTH / GOOGLE: the authorization code the provider redirected back with.' }) code?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'OIDC_OAUTH / GOOGLE: the state the provider redirected back with.' }) state?: string | null;
  @Field(() => String, { nullable: true, description: 'OIDC_OAUTH / GOOGLE: the `iss` the provider redirected back with, if any (RFC 9207).' }) iss?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'FACEBOOK: the user access token.' }) token?: string | null;
  @Field(() => String, { nullable: true, description: "FACEBOOK: the Facebook application id (must be the business's)." }) applicationId?:
    | string
    | null;
}

@ObjectType()
export class OidcAuthorizationPayload {
  @Field(() => String, { nullable: true, description: 'Send the contact here; the provider redirects back to redirectUrl with code and state.' })
  authorizationUrl: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
