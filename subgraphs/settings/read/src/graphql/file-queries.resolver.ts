import type { DataSource } from 'typeorm';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import {
  APP_SETTINGS_AGGREGATE,
  ATTACHMENT_AGGREGATE,
  CUSTOM_FIELD_AGGREGATE,
  FILE_AGGREGATE,
  REFERENCE_ENTRY_AGGREGATE,
  LANDING_PAGE_AGGREGATE,
  CONTACT_PROFILE_AGGREGATE,
} from '@crm/event-bus/contracts/settings';
import { AttachmentViewStore } from '../persistence/attachment-views';
import { FileViewStore } from '../persistence/file-views';
import { CustomFieldViewStore } from '../persistence/custom-field-views';
import { SettingsViewStore } from '../persistence/settings-views';

@ObjectType({ description: 'A stored file, as described (its bytes: `fileContent`).' })
export class File {
  @Field(() => ID) id: string;
  @Field(() => String) entityType: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Sniffed from the bytes at upload.' }) contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class FileQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  get(tenantId: string, id: string) {
    return new FileViewStore(this.dataSource.manager, tenantId).get(id);
  }

  attachments(tenantId: string) {
    return new AttachmentViewStore(this.dataSource.manager, tenantId);
  }

  customFields(tenantId: string) {
    return new CustomFieldViewStore(this.dataSource.manager, tenantId);
  }

  /** Application configurations and reference lists of the tenant. */
  settings(tenantId: string) {
    return new SettingsViewStore(this.dataSource.manager, tenantId);
  }

  /** Waits until every file and custom field token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const stores: Record<string, { versionOf(id: string): Promise<number> }> = {
      [FILE_AGGREGATE]: new FileViewStore(this.dataSource.manager, tenantId),
      [CUSTOM_FIELD_AGGREGATE]: new CustomFieldViewStore(this.dataSource.manager, tenantId),
      [ATTACHMENT_AGGREGATE]: new AttachmentViewStore(this.dataSource.manager, tenantId),
      [APP_SETTINGS_AGGREGATE]: { versionOf: (id) => this.settings(tenantId).appSettingsVersion(id) },
      [REFERENCE_ENTRY_AGGREGATE]: { versionOf: (id) => this.settings(tenantId).referenceEntryVersion(id) },
      [LANDING_PAGE_AGGREGATE]: { versionOf: (id) => this.settings(tenantId).landingPageVersion(id) },
      [CONTACT_PROFILE_AGGREGATE]: { versionOf: (id) => this.settings(tenantId).contactProfileVersion(id) },
    };
    const wanted = tokens.filter((t) => Object.hasOwn(stores, t.aggregateType));
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => stores[t.aggregateType]!.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => File)
export class FileQueriesResolver {
  constructor(
    private readonly queries: FileQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['settings.read', SELF])
  @Query(() => File, { nullable: true, description: "A file by id; null when the tenant has none, it was deleted or it is another contact's." })
  async file(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<File | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    const view = canonical ? await this.queries.get(ctx.principal.tenantId, canonical) : null;
    if (!view || view.deleted) return null;
    const { kind, subjectId } = ctx.principal;
    return kind === 'contact' && (view.ownerKind !== 'contact' || view.ownerId !== subjectId) ? null : view;
  }
}
