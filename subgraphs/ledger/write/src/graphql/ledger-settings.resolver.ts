import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, Authorized, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import { SELF } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { RequestContext } from '@crm/event-bus/kit';
import type { WalletLimitRule } from '@crm/event-bus/contracts/ledger';
import type { Consistency, LedgerCommands } from '../application/ledger-commands';
import type { LedgerSettingsCommands } from '../application/settings-commands';
import type { WalletSettingsPatch } from '../domain/update-wallet-settings';
import { CommercePoolInput, LedgerContactAccountInput, WalletLimitRuleInput, WalletSettingsInput } from './settings-inputs';

@ObjectType()
export class LedgerIdPayload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true }) consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class WalletCodePayload {
  @Field(() => String, { nullable: true, description: '16 digits naming the wallet until expiresAt.' }) code: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => [UserError]) errors: UserError[];
}

function request(ctx: SubgraphContext): RequestContext {
  return { tenantId: ctx.principal.tenantId, correlationId: ctx.correlationId, actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId } };
}

const owner = (ctx: SubgraphContext) => (ctx.principal.kind === 'contact' ? ctx.principal.subjectId : null);
const idPayload = (id: string, c: Consistency | null): LedgerIdPayload => ({
  id,
  consistencyToken: c ? formatConsistencyToken(c) : null,
  errors: [],
});
const noId = (): LedgerIdPayload => ({ id: null, consistencyToken: null, errors: [] });
const iso = (d: Date | null | undefined, field: string) => {
  if (!d) return null;
  if (Number.isNaN(d.getTime())) throw AppError.validation(field, 'must be an instant', 'INVALID_DATE');
  return d.toISOString();
};

const LIMIT_KINDS = ['DEBIT', 'CREDIT', 'TOP_UP', 'TRANSFER'];
const PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY'];
const PAYMENT_METHODS = ['CARD', 'ACCOUNT_DEBIT', 'WALLET'];

function limitRules(rules: WalletLimitRuleInput[], field: string): WalletLimitRule[] {
  if (rules.length > 20) throw AppError.validation(field, 'at most 20 rules', 'TOO_MANY');
  return rules.map((r, i) => {
    if (r.appliesFor.length === 0 || r.appliesFor.some((k) => !LIMIT_KINDS.includes(k)))
      throw AppError.validation(`${field}.${i}.appliesFor`, `must be some of ${LIMIT_KINDS.join(', ')}`, 'INVALID_ENUM');
    if (!PERIODS.includes(r.period)) throw AppError.validation(`${field}.${i}.period`, `must be one of ${PERIODS.join(', ')}`, 'INVALID_ENUM');
    if (r.maximumNumber !== null && r.maximumNumber !== undefined && r.maximumNumber < 0)
      throw AppError.validation(`${field}.${i}.maximumNumber`, 'must be 0 or more', 'INVALID_VALUE');
    return {
      id: r.id && /^[0-9a-f-]{36}$/i.test(r.id) ? r.id.toLowerCase() : newId(),
      name: r.name ?? null,
      appliesFor: [...new Set(r.appliesFor)],
      currency: r.currency,
      maximumAmount: r.maximumAmount ?? null,
      maximumNumber: r.maximumNumber ?? null,
      period: r.period,
    };
  });
}

function settingsPatch(input: WalletSettingsInput): WalletSettingsPatch {
  const patch: WalletSettingsPatch = {};
  const method = (m: { type: string; id?: string | null }, field: string) => {
    if (!PAYMENT_METHODS.includes(m.type))
      throw AppError.validation(`${field}.paymentMethod.type`, `must be one of ${PAYMENT_METHODS.join(', ')}`, 'INVALID_ENUM');
    return { type: m.type as 'CARD', id: m.id ?? null };
  };
  if (input.autoTopup !== undefined)
    patch.autoTopup = input.autoTopup && { ...input.autoTopup, paymentMethod: method(input.autoTopup.paymentMethod, 'autoTopup') };
  if (input.termedTopup !== undefined) {
    const t = input.termedTopup;
    if (t && t.period && !PERIODS.includes(t.period))
      throw AppError.validation('termedTopup.period', `must be one of ${PERIODS.join(', ')}`, 'INVALID_ENUM');
    patch.termedTopup = t && { ...t, period: t.period ?? null, paymentMethod: method(t.paymentMethod, 'termedTopup') };
  }
  if (input.limitRules !== undefined) patch.limitRules = input.limitRules && limitRules(input.limitRules, 'limitRules');
  return patch;
}

/** A contact sets what Self-Service lets it (name, primary, classification, billing address); credit terms are staff's. */
function refuseStaffFields(ctx: SubgraphContext, input: LedgerContactAccountInput): void {
  if (owner(ctx) === null) return;
  for (const field of ['creditLimit', 'paymentTermsId'] as const)
    if (input[field] !== undefined && input[field] !== null) throw new AppError('FORBIDDEN', `a contact cannot set ${field}`, { field });
}

/** Accounts, wallet settings, commerce pools, tenant wallet limits and rotating wallet codes (no value moves). */
@Resolver()
export class LedgerSettingsResolver {
  constructor(
    private readonly commands: LedgerCommands,
    private readonly settings: LedgerSettingsCommands,
  ) {}

  @Authorized(['finance.write', SELF])
  @Mutation(() => LedgerIdPayload, { description: 'Opens another financial account of a contact (a contact: its own). currency is required.' })
  openContactAccount(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => LedgerContactAccountInput) input: LedgerContactAccountInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      if (!input.currency) throw AppError.validation('currency', 'is required', 'REQUIRED');
      refuseStaffFields(ctx, input);
      const r = await this.commands.openContactAccount(request(ctx), { ...input, currency: input.currency, contactId }, owner(ctx));
      return idPayload(r.accountId, r.consistency);
    }, noId);
  }

  @Authorized(['finance.write', SELF])
  @Mutation(() => LedgerIdPayload, { description: "Changes a contact financial account's details (a contact: its own)." })
  updateContactAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => LedgerContactAccountInput) input: LedgerContactAccountInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      if (input.currency) throw AppError.validation('currency', 'cannot change', 'INVALID_VALUE');
      refuseStaffFields(ctx, input);
      const { currency: _c, ...patch } = input;
      const r = await this.commands.updateAccount(request(ctx), id, patch, owner(ctx));
      return idPayload(r.accountId, r.consistency);
    }, noId);
  }

  @Authorized(['finance.write', SELF])
  @Mutation(() => LedgerIdPayload, { description: "Changes a wallet's top-up settings and limit rules (a contact: its own wallet)." })
  updateWalletSettings(
    @Arg('walletId', () => String, { description: 'Wallet id or 16-digit code.' }) walletId: string,
    @Arg('input', () => WalletSettingsInput) input: WalletSettingsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      if (owner(ctx) !== null && input.limitRules !== undefined)
        throw new AppError('FORBIDDEN', 'a contact cannot change its wallet limits', { field: 'limitRules' });
      const r = await this.settings.updateWallet(request(ctx), walletId, settingsPatch(input), owner(ctx));
      return idPayload(r.walletId, r.consistency);
    }, noId);
  }

  @Authorized([SELF])
  @Mutation(() => LedgerIdPayload, { description: 'A contact activates (or deactivates) a commerce pool on its wallet.' })
  setCommercePoolActivation(
    @Arg('commercePoolId', () => ID) commercePoolId: string,
    @Arg('active', () => Boolean) active: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      const contact = owner(ctx);
      if (!contact) throw new AppError('FORBIDDEN', 'only a contact activates a commerce pool');
      const r = await this.settings.setPoolActivation(request(ctx), contact, commercePoolId, active);
      return idPayload(r.commercePoolId, r.consistency);
    }, noId);
  }

  @Authorized(['finance.write'])
  @Mutation(() => LedgerIdPayload, { description: 'Creates a commerce pool of the tenant (id omitted) or redefines one (the whole definition).' })
  defineCommercePool(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('input', () => CommercePoolInput) input: CommercePoolInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      const r = await this.settings.defineCommercePool(request(ctx), id ?? null, {
        name: input.name,
        description: input.description ?? null,
        requiresActivation: input.requiresActivation,
        organisationIds: input.organisationIds,
        productCategoryIds: input.productCategoryIds,
        validFrom: iso(input.validFrom, 'validFrom'),
        validTo: iso(input.validTo, 'validTo'),
        isActive: input.isActive,
      });
      return idPayload(r.commercePoolId, r.consistency);
    }, noId);
  }

  @Authorized(['finance.write'])
  @Mutation(() => LedgerIdPayload, { description: "Sets the tenant's default wallet limit rules (wallets without rules of their own)." })
  setWalletLimitDefaults(
    @Arg('limitRules', () => [WalletLimitRuleInput]) rules: WalletLimitRuleInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<LedgerIdPayload> {
    return asPayload(async () => {
      const r = await this.settings.setTenantLimits(request(ctx), limitRules(rules, 'limitRules'));
      return idPayload('default', r.consistency);
    }, noId);
  }

  @Authorized([SELF, 'finance.write'])
  @Mutation(() => WalletCodePayload, { description: 'Issues a rotating wallet code (a contact: for its own wallet); each call rotates it.' })
  issueWalletCode(@Arg('walletId', () => String) walletId: string, @Ctx() ctx: SubgraphContext): Promise<WalletCodePayload> {
    return asPayload<WalletCodePayload>(
      async () => ({ ...(await this.settings.issueWalletCode(request(ctx), walletId, owner(ctx))), errors: [] }),
      () => ({ code: null, expiresAt: null, errors: [] }),
    );
  }
}
