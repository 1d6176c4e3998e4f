import { ConfigError } from '../config/load-env';

/** A command line the user got wrong: printed with the usage, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface CliSpec<A, C> {
  /** Validates argv; throws CliUsageError naming the problem; `{ kind: 'help' }` prints the usage. */
  parse(argv: string[]): A | { kind: 'help' };
  usage: string;
  /** Reads the environment (the CLI's env.ts); a ConfigError exits with 78. */
  config(): C;
  /** Does the work; prints its own output; returns the exit code. */
  run(args: A, config: C): Promise<number>;
}

const isHelp = (a: unknown): a is { kind: 'help' } => typeof a === 'object' && a !== null && (a as { kind?: unknown }).kind === 'help';

/**
 * The shared skeleton of the ops CLIs: arguments first (exit 2 with the usage), then configuration
 * (exit 78 listing every problem), then the command; an unexpected failure prints its message, not
 * a stack trace, and exits 1.
 */
export function runCli<A, C>(spec: CliSpec<A, C>, argv: string[]): void {
  const main = async (): Promise<number> => {
    let args: A | { kind: 'help' };
    try {
      args = spec.parse(argv);
    } catch (err) {
      if (!(err instanceof CliUsageError)) throw err;
      process.stderr.write(`error: ${err.message}\n\n${spec.usage}\n`);
      return 2;
    }
    if (isHelp(args)) {
      process.stdout.write(`${spec.usage}\n`);
      return 0;
    }
    let config: C;
    try {
      config = spec.config();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`${err.message}\n`);
      return 78;
    }
    return spec.run(args as A, config);
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
