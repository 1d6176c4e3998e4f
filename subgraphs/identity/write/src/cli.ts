import 'reflect-metadata';
import { runCli } from './admin/run-cli';
import { cliEnvironment } from './env';

/**
 * Admin CLI for real deployments: `npm run admin -- <command> [--flags]` (see admin/run-cli.ts).
 * Exit codes: 0 done, 1 refused (bad value, not found, conflict) or failed, 2 usage, 78 configuration.
 */
runCli(process.argv.slice(2), cliEnvironment(), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // an unexpected failure (database unreachable, ...): the message, not a stack trace
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
