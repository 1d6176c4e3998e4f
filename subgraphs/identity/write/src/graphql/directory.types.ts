import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@crm/platform/graphql';

/*
 * Inputs carry only what a caller may set. Tenant, status, version, hashes and permission
 * overrides are never input fields (GraphQL refuses unknown fields), so they cannot be mass-assigned;
 * schema.test.ts keeps it that way.
 */

export enum UserStatusType {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(UserStatusType, { name: 'UserStatus' });

export enum NewOrganisationType {
  MERCHANT = 'MERCHANT',
  VENUE = 'VENUE',
}
registerEnumType(NewOrganisationType, { name: 'NewOrganisationType', description: 'Organisations a tenant can add under its business.' });

export enum OrganisationTypeValue {
  BUSINESS = 'BUSINESS',
  MERCHANT = 'MERCHANT',
  VENUE = 'VENUE',
}
registerEnumType(OrganisationTypeValue, { name: 'OrganisationType' });

@ObjectType({ description: 'A back-office user of the tenant.' })
export class DirectoryUser {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => UserStatusType) status: string;
  @Field(() => [ID]) roleIds: string[];
  @Field(() => [ID]) teamIds: string[];
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'A team: a named group of back-office users.' })
export class DirectoryTeam {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'A role: a named set of catalogued permissions.' })
export class DirectoryRole {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'Built-in roles come with the tenant and cannot be changed or deleted.' }) builtIn: boolean;
  @Field(() => [String]) permissions: string[];
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'An organisation of the tenant hierarchy.' })
export class DirectoryOrganisation {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => OrganisationTypeValue) type: string;
  @Field() name: string;
}

@InputType()
export class CreateUserInput {
  @Field() email: string;
  @Field({ description: 'At least 10 characters, not a common password.' }) password: string;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => [ID], { description: 'Roles of the tenant; the caller must hold every permission they grant.' }) roleIds: string[];
  @Field(() => [ID], { nullable: true, description: 'Teams of the tenant (at most 50).' }) teamIds?: string[] | null;
}

@InputType({ description: 'Omitted fields stay as they are; null clears a name.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the roles (null leaves them as they are).' }) roleIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the teams (null leaves them as they are).' }) teamIds?: string[] | null;
}

@InputType()
export class TeamInput {
  @Field({ description: 'Unique in the tenant (case-insensitive), 1-100 characters.' }) name: string;
}

@InputType()
export class CreateRoleInput {
  @Field({ description: 'Unique in the tenant (case-insensitive).' }) name: string;
  @Field(() => [String], { description: 'Catalogued permissions, e.g. contacts.read.' }) permissions: string[];
}

@InputType({ description: 'Omitted fields stay as they are.' })
export class UpdateRoleInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the permissions.' }) permissions?: string[] | null;
}

@InputType()
export class CreateApplicationInput {
  @Field() name: string;
}

@InputType()
export class CreateOrganisationInput {
  @Field(() => ID, { description: 'The business (for a merchant or venue) or a merchant (for a venue).' }) parentId: string;
  @Field(() => NewOrganisationType) type: string;
  @Field() name: string;
}

@ObjectType()
export class UserPayload {
  @Field(() => DirectoryUser, { nullable: true }) user: DirectoryUser | null;
  @Field(() => String, { nullable: true, description: 'x-consistency-token: a later query sending it sees this change (read-your-writes).' })
  consistencyToken?: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class ChangePasswordPayload {
  @Field() changed: boolean;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class RolePayload {
  @Field(() => DirectoryRole, { nullable: true }) role: DirectoryRole | null;
  @Field(() => String, { nullable: true, description: 'x-consistency-token: a later query sending it sees this change (read-your-writes).' })
  consistencyToken?: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class TeamPayload {
  @Field(() => DirectoryTeam, { nullable: true }) team: DirectoryTeam | null;
  @Field(() => String, { nullable: true, description: 'x-consistency-token: a later query sending it sees this change (read-your-writes).' })
  consistencyToken?: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class DeleteTeamPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class DeleteRolePayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'A new application. `publicKey` is shown only in this payload.' })
export class CreateApplicationPayload {
  @Field(() => ID, { nullable: true }) applicationId: string | null;
  @Field(() => String, { nullable: true, description: 'The public key (crm_pk_live_…) for browser and app clients.' }) publicKey: string | null;
  @Field(() => String, { nullable: true }) maskedPublicKey: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class OrganisationPayload {
  @Field(() => DirectoryOrganisation, { nullable: true }) organisation: DirectoryOrganisation | null;
  @Field(() => [UserError]) errors: UserError[];
}
