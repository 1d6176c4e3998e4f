/**
 * Argument parsing and usage text of the admin CLI (pure, so it is unit-tested without a database).
 * Flags are `--name value` or `--name=value`; `--json` switches any command to JSON output.
 */

export interface FlagSpec {
  name: string;
  required: boolean;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
}

const flag = (name: string, description: string, required = true): FlagSpec => ({ name, required, description });
const TENANT = flag('tenant', 'tenant id (printed by create-tenant)');

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'create-tenant',
    summary: 'Create a tenant: business, built-in roles, owner user, application, public key and admin secret key.',
    flags: [
      flag('name', 'business name (1-200 characters)'),
      flag('owner-email', 'email of the owner user'),
      flag('owner-password', 'owner password; omit it to have a strong one generated and printed once', false),
      flag('app-name', 'name of the first application (default "Default application")', false),
    ],
  },
  {
    name: 'create-user',
    summary: 'Create a back-office user with one role.',
    flags: [
      TENANT,
      flag('email', 'email of the user'),
      flag('role', 'role name: owner, admin, agent, finance, read_only or a custom role'),
      flag('password', 'password; omit it to have one generated and printed once', false),
      flag('first-name', 'first name', false),
      flag('last-name', 'last name', false),
    ],
  },
  {
    name: 'create-key',
    summary: 'Create a secret API key bound to a role (printed once).',
    flags: [
      TENANT,
      flag('application', 'application id'),
      flag('role', 'role name whose permissions the key acts with'),
      flag('name', 'key name (default "<role> key")', false),
      flag('env', 'live or test (default live)', false),
    ],
  },
  {
    name: 'rotate-key',
    summary: 'Roll a key: print its replacement once; the old key keeps working for N hours.',
    flags: [TENANT, flag('key-id', 'id of the key to roll'), flag('old-expires-in-hours', 'hours the old key keeps working (0-720)')],
  },
  {
    name: 'revoke-key',
    summary: 'Revoke a key at once.',
    flags: [TENANT, flag('key-id', 'id of the key to revoke'), flag('reason', 'recorded reason (max 200 characters)', false)],
  },
  {
    name: 'list-keys',
    summary: "List a tenant's keys, masked.",
    flags: [TENANT],
  },
];

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type ParsedArgs = { kind: 'help'; command: string | null } | { kind: 'run'; command: string; flags: Record<string, string>; json: boolean };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    return { kind: 'help', command: rest[0] && COMMANDS.some((c) => c.name === rest[0]) ? rest[0] : null };
  }
  const spec = COMMANDS.find((c) => c.name === first);
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(first)}`);
  const flags: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help', command: spec.name };
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`, spec.name);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!spec.flags.some((f) => f.name === name)) throw new UsageError(`unknown option --${name}`, spec.name);
    if (name in flags) throw new UsageError(`--${name} is given twice`, spec.name);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`, spec.name);
      i++;
    }
    flags[name] = value;
  }
  const missing = spec.flags.filter((f) => f.required && !flags[f.name]?.trim()).map((f) => `--${f.name}`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`, spec.name);
  return { kind: 'run', command: spec.name, flags, json };
}

function commandUsage(spec: CommandSpec): string {
  const synopsis = spec.flags.map((f) => (f.required ? `--${f.name} <value>` : `[--${f.name} <value>]`)).join(' ');
  const width = Math.max(...spec.flags.map((f) => f.name.length)) + 4;
  return [
    `  ${spec.name} ${synopsis} [--json]`,
    `      ${spec.summary}`,
    ...spec.flags.map((f) => `        ${`--${f.name}`.padEnd(width)}${f.description}`),
  ].join('\n');
}

export function usage(command: string | null = null): string {
  const specs = command ? COMMANDS.filter((c) => c.name === command) : COMMANDS;
  return [
    'Identity admin CLI: operates directly on the identity database through the application layer.',
    '',
    'Usage: npm run admin -- <command> [--flags]',
    '',
    'Commands:',
    specs.map(commandUsage).join('\n\n'),
    '',
    'Environment (the same as the identity-write service):',
    "  IDENTITY_SECRET   must be the service's (API keys are hashed with it); when unset, the one `npm start`",
    '                    keeps in DATA_DIR/identity-secret is used.',
    '  DATABASE_URL      PostgreSQL; when unset the embedded database under DATA_DIR (default .data) is used.',
    '                    It allows one process at a time: the CLI refuses while `npm start` runs on it (stop it first).',
    '  KAFKA_BROKERS     not needed: events are written to the outbox and the service publishes them.',
    '',
    'Keys and generated passwords are printed once and never stored in plaintext: keep them safely.',
  ].join('\n');
}
