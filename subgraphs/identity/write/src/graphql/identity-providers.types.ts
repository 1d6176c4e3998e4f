import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

export enum IdentityProviderKind {
  OIDC = 'OIDC',
  FACEBOOK = 'FACEBOOK',
}
registerEnumType(IdentityProviderKind, {
  name: 'IdentityProviderKind',
  description: 'OIDC (any OpenID Connect issuer; GOOGLE sign-in uses the OIDC type `google`) or FACEBOOK.',
});

@InputType({ description: 'An OpenID Connect provider. The client secret is stored encrypted and never answered.' })
export class ConfigureOidcProviderInput {
  @Field({ description: 'The issuer URL (https, public address); its discovery document is read when you configure it.' }) issuer: string;
  @Field() clientId: string;
  @Field({ description: 'Write-only: stored sealed, never returned.' }) clientSecret: string;
  @Field(() => [String], { description: 'Redirect URLs the sign-in may return to (1-20).' }) redirectUris: string[];
  @Field(() => [String], { nullable: true, description: 'Default: openid email profile.' }) scopes?: string[] | null;
}

@InputType({ description: 'The Facebook application contacts sign in with. The app secret is stored encrypted and never answered.' })
export class ConfigureFacebookProviderInput {
  @Field() appId: string;
  @Field({ description: 'Write-only: stored sealed, never returned.' }) appSecret: string;
  @Field(() => String, { nullable: true, description: 'Graph API base URL (https, public address); default https://graph.facebook.com/v19.0.' })
  graphBaseUrl?: string | null;
}

@ObjectType({ description: 'A configured external sign-in provider, without its secret.' })
export class ConfiguredIdentityProvider {
  @Field(() => ID) id: string;
  @Field(() => IdentityProviderKind) kind: IdentityProviderKind;
  @Field({ description: 'The OIDC type (`/contacts/oidc/{type}`), or `facebook`.' }) type: string;
  @Field(() => String, { nullable: true }) issuer: string | null;
  @Field(() => String, { nullable: true }) graphBaseUrl: string | null;
  @Field({ description: 'The OIDC client id, or the Facebook app id.' }) clientId: string;
  @Field(() => [String]) redirectUris: string[];
  @Field(() => [String], { nullable: true }) scopes: string[] | null;
  @Field({ description: 'Whether a secret is stored (it is never shown).' }) hasSecret: boolean;
  @Field(() => Int) version: number;
}

@ObjectType()
export class ConfigureIdentityProviderPayload {
  @Field(() => ConfiguredIdentityProvider, { nullable: true }) provider: ConfiguredIdentityProvider | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RemoveIdentityProviderPayload {
  @Field() removed: boolean;
  @Field(() => [UserError]) errors: UserError[];
}
