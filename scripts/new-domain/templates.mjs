// The files `npm run new-domain -- <name>` writes: one domain on the kit, with contacts as the
// model (write side: aggregate, decider, evolve, store, command handler, mutation; read side: one
// pure projection into one read model, one query; its event contract; one Back-Office REST
// resource with its OpenAPI fragment; its authorization policy; decider, projection and
// end-to-end tests). Each template is a function of the names (see namesOf in ../new-domain.mjs).

/** path → content, for the domain `n`. */
export function domainFiles(n) {
  const files = {};
  const add = (path, text) => (files[path] = `${text.trim()}\n`);
  const W = `subgraphs/${n.domain}/write`;
  const R = `subgraphs/${n.domain}/read`;
  const C = `event-bus/src/contracts/${n.domain}`;
  const REST = `supergraph/src/rest/backoffice/${n.domain}`;
  const readSide = `${n.domain.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())}ReadSide`; // widgetsReadSide

  // ---- event contract ------------------------------------------------------------------------
  add(
    `${C}/topics.ts`,
    `
import { topicOf } from '../../envelope';

export const ${n.TOPIC} = topicOf('${n.domain}');
export const ${n.AGG} = '${n.aggType}';
`,
  );
  add(
    `${C}/${n.file}-created.v1.ts`,
    `
import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ${n.AGG}, ${n.TOPIC} } from './topics';

export const ${n.Agg}CreatedV1 = defineEvent({
  type: '${n.event}',
  schemaVersion: 1,
  aggregateType: ${n.AGG},
  topic: ${n.TOPIC},
  description: 'A ${n.words} was created.',
  data: z.object({ name: z.string().min(1).max(100) }),
});
export type ${n.Agg}CreatedV1 = EventOf<typeof ${n.Agg}CreatedV1>;
`,
  );
  add(
    `${C}/index.ts`,
    `
import { ${n.Agg}CreatedV1 } from './${n.file}-created.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './${n.file}-created.v1';

/** Every ${n.domain} event contract (the platform's event registry collects each registered domain's \`domainEvents\`). */
export const domainEvents = [${n.Agg}CreatedV1] as const;

/** Every ${n.domain} event, as the union of its contracts' envelopes. */
export type ${n.Agg}Event = EventOf<(typeof domainEvents)[number]>;
`,
  );

  // ---- shared workspace files ------------------------------------------------------------------
  const packageJson = (side) =>
    JSON.stringify(
      {
        name: `@crm/${n.domain}-${side}`,
        version: '0.1.0',
        private: true,
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        scripts: { build: 'tsc -b', lint: 'eslint .', test: `node ../../../scripts/run-tests.mjs --dir subgraphs/${n.domain}/${side}` },
        dependencies: {
          '@apollo/subgraph': '2.14.4',
          '@crm/event-bus': '*',
          '@crm/platform': '*',
          graphql: '16.12.0',
          pino: '10.4.0',
          'type-graphql': '2.0.0-rc.4',
          typeorm: '1.1.1',
          zod: '4.6.7',
        },
      },
      null,
      2,
    );
  const tsconfig = JSON.stringify(
    {
      extends: '../../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src'],
      references: [{ path: '../../../platform' }, { path: '../../../event-bus' }],
    },
    null,
    2,
  );
  const env = (side, groups) => `
import { z } from 'zod';
import { ${[...groups, 'httpEnv', 'parseEnv'].sort().join(', ')}, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('${n.domain}-${side}'), ${groups.map((g) => `...${g}`).join(', ')} });

export type ${n.Domain}${side === 'write' ? 'Write' : 'Read'}Config = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): ${n.Domain}${side === 'write' ? 'Write' : 'Read'}Config {
  return parseEnv('${n.domain}-${side}', envSchema, source);
}
`;
  const main = (side, what) => `
import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { start${n.Domain}${side === 'write' ? 'Write' : 'Read'} } from './service';

${what}
runService({ name: '${n.domain}-${side}', envSchema, start: start${n.Domain}${side === 'write' ? 'Write' : 'Read'} });
`;
  const migrate = (side) => `
import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('${n.domain}-${side}', databaseConfig);
`;
  const database = (side, users) => `
import { serviceDatabase } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = '${n.table}_${side}';

/** This service's database settings, shared by the service, ${users} and tests. */
export const databaseConfig = serviceDatabase('${n.domain}-${side}', DB_SCHEMA, migrations);
`;

  // ---- write side ------------------------------------------------------------------------------
  add(`${W}/package.json`, packageJson('write'));
  add(`${W}/tsconfig.json`, tsconfig);
  add(
    `${W}/src/errors.ts`,
    `
import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason ${n.domain}-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('${n.domain}-write', { ${n.AGG_UPPER}_EXISTS: { code: 'CONFLICT' }, VERSION_CONFLICT: { code: 'CONFLICT' } });

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
`,
  );
  add(`${W}/src/env.ts`, env('write', ['dbEnv', 'kafkaEnv', 'outboxEnv']));
  add(`${W}/src/main.ts`, main('write', `/** Standalone process (the shape Kubernetes runs): ${n.domain}-write subgraph + outbox relay. */`));
  add(`${W}/src/migrate.ts`, migrate('write'));
  add(`${W}/src/persistence/database.ts`, database('write', 'its migrate command'));
  add(
    `${W}/src/index.ts`,
    `
export * from './env';
export * from './schema';
export * from './service';
`,
  );
  add(
    `${W}/src/persistence/migrations/index.ts`,
    `
import { AddOutboxTraceparent1765100000000, CreateOutbox1733000000000 } from '@crm/event-bus/outbox';
import { CreateIdempotencyKeys1733000000001 } from '@crm/platform/db';
import { Create${n.Aggs}1800000000100 } from './1800000000100-create-${n.aggregates}';

export const migrations = [CreateOutbox1733000000000, CreateIdempotencyKeys1733000000001, AddOutboxTraceparent1765100000000, Create${n.Aggs}1800000000100];
`,
  );
  add(
    `${W}/src/persistence/migrations/1800000000100-create-${n.aggregates}.ts`,
    `
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Create${n.Aggs}1800000000100 implements MigrationInterface {
  name = 'Create${n.Aggs}1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE ${n.table} (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )\`);
    await q.query(\`CREATE INDEX ${n.table}_tenant_idx ON ${n.table} (tenant_id, id)\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DROP TABLE ${n.table}\`);
  }
}
`,
  );
  add(
    `${W}/src/domain/${n.file}.ts`,
    `
import type { ${n.Agg}Event } from '@crm/event-bus/contracts/${n.domain}';

/** Write-side state of one ${n.words} aggregate. */
export interface ${n.Agg}State {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type ${n.Agg}Change = Pick<${n.Agg}Event, 'type' | 'data'>;

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolve(state: ${n.Agg}State | null, event: ${n.Agg}Change, meta: { version: number; at: Date }): ${n.Agg}State {
  switch (event.type) {
    case '${n.event}':
      return { id: state?.id ?? '', name: event.data.name, version: meta.version, createdAt: meta.at, updatedAt: meta.at };
  }
}
`,
  );
  add(
    `${W}/src/domain/create-${n.file}.ts`,
    `
import { AppError } from '@crm/platform/errors';
import type { ${n.Agg}Change, ${n.Agg}State } from './${n.file}';

export interface Create${n.Agg} {
  name: string;
}

export const MAX_NAME_LENGTH = 100;

/** Creates a ${n.words}: a name of 1 to ${'${MAX_NAME_LENGTH}'} characters once trimmed (pure). */
export function create${n.Agg}(state: ${n.Agg}State | null, cmd: Create${n.Agg}): ${n.Agg}Change[] {
  if (state) throw new AppError('CONFLICT', 'the ${n.words} exists already', { reason: '${n.AGG_UPPER}_EXISTS' });
  const name = cmd.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > MAX_NAME_LENGTH) throw AppError.validation('name', \`must be at most \${MAX_NAME_LENGTH} characters\`, 'TOO_LONG');
  return [{ type: '${n.event}', data: { name } }];
}
`,
  );
  add(
    `${W}/src/domain/create-${n.file}.test.ts`,
    `
import { describe, it } from 'node:test';
import { registry } from '@crm/event-bus/contracts';
import { ${n.AGG} } from '@crm/event-bus/contracts/${n.domain}';
import { deciderSpecification } from '@crm/platform/testing';
import { type Create${n.Agg}, create${n.Agg} } from './create-${n.file}';
import { evolve, type ${n.Agg}Change, type ${n.Agg}State } from './${n.file}';

const at = new Date('2024-05-01T10:00:00.000Z');
const { given } = deciderSpecification<${n.Agg}State, ${n.Agg}Change, Create${n.Agg}>({
  decide: create${n.Agg},
  evolve,
  at,
  // every emitted change must be a valid event once it has its envelope
  validate: (change, version) =>
    registry.validate({
      id: '00000000-0000-4000-8000-000000000900',
      type: change.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType: ${n.AGG},
      aggregateId: '00000000-0000-4000-8000-000000000999',
      aggregateVersion: version,
      occurredAt: at.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: change.data,
    }),
});

describe('create${n.Agg}', () => {
  it('creates a ${n.words} with its trimmed name', () => {
    given()
      .when({ name: '  First  ' })
      .then([{ type: '${n.event}', data: { name: 'First' } }]);
  });

  it('refuses an empty name and one over 100 characters, naming the field', () => {
    given().when({ name: '   ' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'REQUIRED' });
    given()
      .when({ name: 'x'.repeat(101) })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'TOO_LONG' });
    given()
      .when({ name: 'x'.repeat(100) })
      .then([{ type: '${n.event}', data: { name: 'x'.repeat(100) } }]);
  });

  it('refuses to create a ${n.words} that exists', () => {
    given({ type: '${n.event}', data: { name: 'First' } })
      .when({ name: 'Again' })
      .thenFails({ code: 'CONFLICT', reason: '${n.AGG_UPPER}_EXISTS' });
  });
});
`,
  );
  add(
    `${W}/src/persistence/${n.file}-store.ts`,
    `
import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { ${n.Agg}State } from '../domain/${n.file}';

interface Row {
  id: string;
  version: number;
  name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): ${n.Agg}State => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Parameters<AggregateStore<${n.Agg}State>['load']>[0], tenantId: string, ref: string): Promise<${n.Agg}State | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(\`SELECT id, version, name, created_at, updated_at FROM ${n.table} WHERE tenant_id = $1 AND id = $2\`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Where ${n.words} aggregates live: tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const ${n.aggregate}Store: AggregateStore<${n.Agg}State> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: \`INSERT INTO ${n.table} (id, tenant_id, version, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING 1\`,
    params: [s.id, tenantId, s.version, s.name, s.createdAt, s.updatedAt],
  }),
  /** Optimistic concurrency: writes only if the stored version is still \`expectedVersion\`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: \`UPDATE ${n.table} SET version = $3, name = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1\`,
    params: [tenantId, s.id, s.version, s.name, s.updatedAt, expectedVersion],
  }),
};
`,
  );
  add(
    `${W}/src/application/${n.file}-commands.ts`,
    `
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ${n.AGG} } from '@crm/event-bus/contracts/${n.domain}';
import { evolve, type ${n.Agg}Change, type ${n.Agg}State } from '../domain/${n.file}';
import { type Create${n.Agg}, create${n.Agg} } from '../domain/create-${n.file}';
import { ${n.aggregate}Store } from '../persistence/${n.file}-store';

/** The ${n.words} aggregate, as the platform's command handler runs it. */
export const ${n.aggregate}Aggregate: AggregateDefinition<${n.Agg}State, ${n.Agg}Change> = {
  type: ${n.AGG},
  evolve,
  store: ${n.aggregate}Store,
  versionConflict: () => new AppError('CONFLICT', 'the ${n.words} was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** ${n.Agg} commands on the kit's command handler (load → decide → save state + outbox in one statement). */
export class ${n.Agg}Commands {
  private readonly handler: CommandHandler<${n.Agg}State, ${n.Agg}Change>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, ${n.aggregate}Aggregate, onCommitted);
  }

  /** Same idempotency key and request → the first result, no second ${n.words}. */
  create(ctx: RequestContext, command: Create${n.Agg}, idempotencyKey: string | null): Promise<CommandResult<${n.Agg}State>> {
    const idempotency = idempotencyKey ? { scope: '${n.domain}.create', key: idempotencyKey, request: command } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => create${n.Agg}(state, command), idempotency);
  }
}
`,
  );
  add(
    `${W}/src/graphql/${n.file}-mutations.resolver.ts`,
    `
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { asPayload, formatConsistencyToken, UserError, type SubgraphContext } from '@crm/platform/graphql';
import type { ${n.Agg}Commands } from '../application/${n.file}-commands';

@InputType()
export class Create${n.Agg}Input {
  @Field(() => String, { description: '1 to 100 characters once trimmed.' }) name: string;
}

@ObjectType({ description: 'Result of a ${n.words} mutation.' })
export class ${n.Agg}Payload {
  @Field(() => ID, { nullable: true }) id: string | null;
  @Field(() => String, { nullable: true, description: 'Send as \`x-consistency-token\` with a later query to read at least this write.' })
  consistencyToken: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver()
export class ${n.Agg}MutationsResolver {
  constructor(private readonly commands: ${n.Agg}Commands) {}

  @Authorized(['${n.table}.write'])
  @Mutation(() => ${n.Agg}Payload, { description: 'Creates a ${n.words}. Repeating a call with the same idempotencyKey returns the first result.' })
  create${n.Agg}(
    @Arg('input', () => Create${n.Agg}Input) input: Create${n.Agg}Input,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<${n.Agg}Payload> {
    return asPayload<${n.Agg}Payload>(
      async () => {
        const { principal, correlationId } = ctx;
        const request = { tenantId: principal.tenantId, correlationId, actor: { kind: principal.kind, id: principal.subjectId } };
        const result = await this.commands.create(request, { name: input.name }, idempotencyKey);
        return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }
}
`,
  );
  add(
    `${W}/src/schema.ts`,
    `
import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { ${n.Agg}MutationsResolver } from './graphql/${n.file}-mutations.resolver';
import type { ${n.Agg}Commands } from './application/${n.file}-commands';

export const SUBGRAPH_NAME = '${n.domain}-write';

export function build${n.Domain}WriteSchema(commands: ${n.Agg}Commands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [${n.Agg}MutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new ${n.Agg}MutationsResolver(commands as ${n.Agg}Commands) },
  });
}

/** SDL for composition (no database needed). */
export async function print${n.Domain}WriteSdl(): Promise<string> {
  return printSubgraphSchema(await build${n.Domain}WriteSchema(null));
}
`,
  );
  add(
    `${W}/src/service.ts`,
    `
import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { ${n.TOPIC} } from '@crm/event-bus/contracts/${n.domain}';
import { ${n.Agg}Commands } from './application/${n.file}-commands';
import { databaseConfig } from './persistence/database';
import { build${n.Domain}WriteSchema, SUBGRAPH_NAME } from './schema';
import type { ${n.Domain}WriteConfig } from './env';

export interface ${n.Domain}WriteService extends WriteSide {
  commands: ${n.Agg}Commands;
}

/** Starts the ${n.domain} write subgraph and its outbox relay on the given bus. */
export function start${n.Domain}Write(config: ${n.Domain}WriteConfig, deps: ServiceDeps): Promise<${n.Domain}WriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [${n.TOPIC}], config, deps }, async ({ dataSource, relay }) => {
    const commands = new ${n.Agg}Commands(dataSource, registry, () => relay.kick());
    return { schema: await build${n.Domain}WriteSchema(commands), app: { commands } };
  });
}
`,
  );

  // ---- read side -------------------------------------------------------------------------------
  add(`${R}/package.json`, packageJson('read'));
  add(`${R}/tsconfig.json`, tsconfig);
  // no redisEnv: the read side caches nothing (add it with a cache, as contacts-read does)
  add(`${R}/src/env.ts`, env('read', ['dbEnv', 'kafkaEnv', 'readSideEnv']));
  add(
    `${R}/src/errors.ts`,
    `
import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason ${n.domain}-read raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('${n.domain}-read', { ${n.AGG_UPPER}_NOT_FOUND: { code: 'NOT_FOUND' } });

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
`,
  );
  add(
    `${R}/src/main.ts`,
    main(
      'read',
      `/**
 * Standalone process: the ${n.domain}-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */`,
    ),
  );
  add(`${R}/src/migrate.ts`, migrate('read'));
  add(`${R}/src/persistence/database.ts`, database('read', 'its migrate and rebuild commands'));
  add(
    `${R}/src/index.ts`,
    `
export * from './env';
export * from './schema';
export * from './service';
`,
  );
  add(
    `${R}/src/persistence/migrations/index.ts`,
    `
import { Create${n.Agg}Views1800000000200 } from './1800000000200-create-${n.file}-views';

export const migrations = [Create${n.Agg}Views1800000000200];
`,
  );
  add(
    `${R}/src/persistence/migrations/1800000000200-create-${n.file}-views.ts`,
    `
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Create${n.Agg}Views1800000000200 implements MigrationInterface {
  name = 'Create${n.Agg}Views1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE ${n.viewTable} (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DROP TABLE ${n.viewTable}\`);
  }
}
`,
  );
  add(
    `${R}/src/projections/${n.file}-view.projection.ts`,
    `
import type { ${n.Agg}Event } from '@crm/event-bus/contracts/${n.domain}';

/** The read model of one ${n.words}. */
export interface ${n.Agg}View {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function project${n.Agg}(
  _view: ${n.Agg}View | null,
  event: Pick<${n.Agg}Event, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): ${n.Agg}View {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case '${n.event}':
      return { id: event.aggregateId, version: event.aggregateVersion, name: event.data.name, createdAt: at, updatedAt: at };
  }
}
`,
  );
  add(
    `${R}/src/projections/${n.file}-view.projection.test.ts`,
    `
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { project${n.Agg} } from './${n.file}-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const occurredAt = '2024-05-01T10:00:00.000Z';

describe('${n.words} view projection', () => {
  it('a created ${n.words} becomes a view with its name, version and time', () => {
    const view = project${n.Agg}(null, { type: '${n.event}', data: { name: 'First' }, aggregateId: id, aggregateVersion: 1, occurredAt });
    assert.deepEqual(view, { id, version: 1, name: 'First', createdAt: new Date(occurredAt), updatedAt: new Date(occurredAt) });
  });
});
`,
  );
  add(
    `${R}/src/persistence/${n.file}-views.ts`,
    `
import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { ${n.AGG}, type ${n.Agg}Event } from '@crm/event-bus/contracts/${n.domain}';
import { project${n.Agg}, type ${n.Agg}View } from '../projections/${n.file}-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: Row): ${n.Agg}View => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/**
 * \`${n.viewTable}\` as a read model of the projector engine: one row per ${n.words} with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 */
export const ${n.aggregate}ViewsReadModel: ReadModel<${n.Agg}View> = {
  name: '${n.viewTable}',
  accepts: (e) => e.aggregateType === ${n.AGG},
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      \`SELECT tenant_id, id, version, name, created_at, updated_at FROM ${n.viewTable} WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))\`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(rows.map((r) => [refKey({ tenantId: r.tenant_id, aggregateType: ${n.AGG}, aggregateId: r.id }), { version: Number(r.version), state: toView(r) }]));
  },
  project: (view, event) => project${n.Agg}(view, event as ${n.Agg}Event),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(ref.tenantId, state.id, state.version, state.name, state.createdAt, state.updatedAt);
      return \`($\${i + 1}, $\${i + 2}::uuid, $\${i + 3}::int, $\${i + 4}, $\${i + 5}::timestamptz, $\${i + 6}::timestamptz)\`;
    });
    await q.query(
      \`INSERT INTO ${n.viewTable} (tenant_id, id, version, name, created_at, updated_at) VALUES \${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       WHERE ${n.viewTable}.version < EXCLUDED.version\`,
      params,
    );
  },
};

/** ${n.Agg} views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class ${n.Agg}ViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<${n.Agg}View | null> {
    const rows = (await this.q.query(\`SELECT tenant_id, id, version, name, created_at, updated_at FROM ${n.viewTable} WHERE tenant_id = $1 AND id = $2\`, [
      this.tenantId,
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
`,
  );
  add(
    `${R}/src/graphql/${n.file}-queries.resolver.ts`,
    `
import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { ${n.AGG} } from '@crm/event-bus/contracts/${n.domain}';
import { ${n.Agg}ViewStore } from '../persistence/${n.file}-views';

@ObjectType({ description: 'A ${n.words}.' })
export class ${n.Agg} {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

/** Read-side queries over the read model, honouring consistency tokens. */
export class ${n.Agg}Queries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  get(tenantId: string, id: string) {
    return new ${n.Agg}ViewStore(this.dataSource.manager, tenantId).get(id);
  }

  /** Waits until every ${n.words} token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new ${n.Agg}ViewStore(this.dataSource.manager, tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === ${n.AGG});
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: \`\${tenantId}:\${${n.AGG}}:\${t.aggregateId}\` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => ${n.Agg})
export class ${n.Agg}QueriesResolver {
  constructor(
    private readonly queries: ${n.Agg}Queries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['${n.table}.read'])
  @Query(() => ${n.Agg}, { nullable: true, description: 'A ${n.words} by id; null when the tenant has none.' })
  async ${n.aggregate}(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<${n.Agg} | null> {
    await this.consistency.before(ctx);
    const canonical = canonicalId(id);
    return canonical ? this.queries.get(ctx.principal.tenantId, canonical) : null;
  }
}
`,
  );
  add(
    `${R}/src/schema.ts`,
    `
import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { ${n.Agg}QueriesResolver, type ${n.Agg}Queries } from './graphql/${n.file}-queries.resolver';

export const SUBGRAPH_NAME = '${n.domain}-read';

export function build${n.Domain}ReadSchema(
  queries: ${n.Agg}Queries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new ${n.Agg}QueriesResolver(queries as ${n.Agg}Queries, consistency);
  return buildFederatedSchema({
    resolvers: [${n.Agg}QueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function print${n.Domain}ReadSdl(): Promise<string> {
  return printSubgraphSchema(await build${n.Domain}ReadSchema(null));
}
`,
  );
  add(
    `${R}/src/service.ts`,
    `
import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { ${n.TOPIC} } from '@crm/event-bus/contracts/${n.domain}';
import { ${n.Agg}Queries } from './graphql/${n.file}-queries.resolver';
import { databaseConfig } from './persistence/database';
import { ${n.aggregate}ViewsReadModel } from './persistence/${n.file}-views';
import { build${n.Domain}ReadSchema, SUBGRAPH_NAME } from './schema';
import type { ${n.Domain}ReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The ${n.domain} read side: \`${n.viewTable}\` projected from the ${n.domain} topic (nothing cached). */
export const ${readSide}: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [${n.TOPIC}],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [${n.aggregate}ViewsReadModel], logger),
};

export type ${n.Domain}ReadService = ReadSide<Projector>;

/** Starts the ${n.domain} read subgraph and/or its projector, per PROCESS_ROLE. */
export function start${n.Domain}Read(config: ${n.Domain}ReadConfig, deps: ServiceDeps): Promise<${n.Domain}ReadService> {
  return startReadSide(${readSide}, config, deps, ({ dataSource, projector, freshness }) =>
    build${n.Domain}ReadSchema(new ${n.Agg}Queries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds \`${n.domain}_read\` from the ${n.domain} topic into a shadow schema and swaps it in (\`npm run rebuild -- ${n.domain}-read\`). */
export const rebuild${n.Domain}Read = readSideRebuild(${readSide});
`,
  );

  // ---- REST resource (Back-Office) -------------------------------------------------------------
  add(
    `${REST}/operations.ts`,
    `
import { op, USER_ERROR_FIELDS } from '../../kit/operation';

export const GET_${n.AGG_UPPER} = op('query', 'RestGet${n.Agg}', \`query RestGet${n.Agg}($id: ID!) { ${n.aggregate}(id: $id) { id name createdAt updatedAt } }\`);

export const CREATE_${n.AGG_UPPER} = op(
  'mutation',
  'RestCreate${n.Agg}',
  \`mutation RestCreate${n.Agg}($input: Create${n.Agg}Input!, $idempotencyKey: String) { create${n.Agg}(input: $input, idempotencyKey: $idempotencyKey) { id consistencyToken \${USER_ERROR_FIELDS} } }\`,
);

export interface Gql${n.Agg} {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
`,
  );
  add(
    `${REST}/schemas.ts`,
    `
import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/** POST /backoffice/v2/${n.domain}. */
export const create${n.Agg}Body = z.strictObject({ name: z.string().min(1).max(100).describe('1 to 100 characters once trimmed.') });

/** GET /backoffice/v2/${n.domain}/{id}. */
export const ${n.aggregate}Response = z.strictObject({ id: z.string(), name: z.string(), created_date: epoch, updated_date: epoch });
`,
  );
  add(
    `${REST}/routes.ts`,
    `
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { CREATE_${n.AGG_UPPER}, GET_${n.AGG_UPPER}, type Gql${n.Agg} } from './operations';
import { create${n.Agg}Body, ${n.aggregate}Response } from './schemas';

const TAG = '${n.Title}';

/** Its 404 reason, ${n.AGG_UPPER}_NOT_FOUND, is catalogued by ${n.domain}-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = '${n.words}' as NotFoundSubject;

/** POST /backoffice/v2/${n.domain} → 201 \`{id}\`. */
const create${n.Agg}: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(create${n.Agg}Body, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string | null; consistencyToken: string | null; errors: GqlUserError[] }>(
    CREATE_${n.AGG_UPPER},
    { input: { name: body.name }, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'create${n.Agg}',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/${n.domain}/{id} (the caller's own writes are visible at once). */
const get${n.Agg}: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_${n.AGG_UPPER}, { id }, snakeCaseFields);
  const found = data['${n.aggregate}'] as Gql${n.Agg} | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, { id: found.id, name: found.name, created_date: epochSeconds(found.createdAt), updated_date: epochSeconds(found.updatedAt) });
};

/** ${n.Title}: create and read. */
export const resource = defineResource({
  family: 'backoffice',
  name: '${n.domain}',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: '${n.Title} of the business (the ${n.domain} domain).' }],
    requestSchemas: [{ name: '${n.Agg}Request', schema: create${n.Agg}Body }],
    responseSchemas: [{ name: '${n.Agg}', schema: ${n.aggregate}Response }],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/${n.domain}',
      handler: create${n.Agg},
      operations: [CREATE_${n.AGG_UPPER}],
      doc: {
        operationId: 'create${n.Agg}BO',
        summary: 'Create a ${n.words}',
        description: 'Needs ${n.table}.write.',
        tag: TAG,
        audience: 'backoffice',
        body: '${n.Agg}Request',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the ${n.words}.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/${n.domain}/:id',
      handler: get${n.Agg},
      operations: [GET_${n.AGG_UPPER}],
      doc: {
        operationId: 'get${n.Agg}BO',
        summary: 'Get a ${n.words}',
        description: 'Needs ${n.table}.read.',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The ${n.words}.', schema: '${n.Agg}' },
      },
    },
  ],
});
`,
  );
  add(
    `${REST}/${n.domain}.e2e.test.ts`,
    `
import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';

const BO = '/backoffice/v2/${n.domain}';

describe('${n.domain} domain end to end (REST facade → gateway → ${n.domain}-write → bus → ${n.domain}-read)', () => {
  let p: TestPlatform;

  before(async () => {
    p = await startTestPlatform('${n.domain}-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('creates a ${n.words} and reads it back at once (read-your-writes through the projection)', async () => {
    const created = await p.http('POST', BO, { name: '  First  ' });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    const read = await p.http('GET', \`\${BO}/\${id}\`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.id, id);
    assert.equal(read.body.name, 'First');
    assert.equal(typeof read.body.created_date, 'number');
  });

  it('answers the same id for a repeated idempotency key, and one ${n.words} exists', async () => {
    const headers = { 'idempotency-key': 'same-key-1' };
    const first = await p.http('POST', BO, { name: 'Once' }, headers);
    const second = await p.http('POST', BO, { name: 'Once' }, headers);
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(second.body, first.body);
  });

  it('refuses a bad body with a 400 naming the field, and an unknown id with a 404', async () => {
    const empty = await p.http('POST', BO, { name: '   ' });
    assert.equal(empty.status, 400, empty.text);
    assert.equal(empty.body.field, 'name');
    const extra = await p.http('POST', BO, { name: 'ok', colour: 'red' });
    assert.equal(extra.status, 400, extra.text);
    const missing = await p.http('GET', \`\${BO}/00000000-0000-4000-8000-000000000000\`);
    assert.equal(missing.status, 404, missing.text);
  });

  it('keeps tenants apart: another tenant does not see the ${n.words}', async () => {
    const created = await p.http('POST', BO, { name: 'Mine' });
    const id = (created.body as { id: string }).id;
    const other = await p.http('GET', \`\${BO}/\${id}\`, undefined, { 'x-dev-tenant': \`\${p.tenant}-other\` });
    assert.equal(other.status, 404, other.text);
  });

  it('serves the same through GraphQL, with the permission the mutation names', async () => {
    const denied = await p.graphql(\`mutation { create${n.Agg}(input: { name: "x" }) { id } }\`, {}, { 'x-dev-principal': 'user:${n.table}.read' });
    assert.equal(denied.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const created = await p.graphql(\`mutation { create${n.Agg}(input: { name: "Via GraphQL" }) { id consistencyToken errors { field } } }\`);
    const payload = created.body.data?.['create${n.Agg}'];
    assert.ok(payload?.id, created.text);
    const read = await p.graphql(\`query($id: ID!) { ${n.aggregate}(id: $id) { name } }\`, { id: payload.id }, { 'x-consistency-token': payload.consistencyToken });
    assert.equal(read.body.data?.['${n.aggregate}']?.name, 'Via GraphQL', read.text);
  });
});
`,
  );

  // ---- authorization policy (the role-matrix test checks the running platform against it) -----
  add(
    `supergraph/src/security/policies/${n.domain}.ts`,
    `
import type { DomainPolicy } from '../policy-table';

/** Who may get past authorization on the ${n.domain} root fields: holders of ${n.table}.read / ${n.table}.write (owner, admin, the admin secret key). */
export const policy: DomainPolicy = {
  'Query.${n.aggregate}': ['owner', 'admin', 'secret_key'],
  'Mutation.create${n.Agg}': ['owner', 'admin', 'secret_key'],
};
`,
  );
  return files;
}
