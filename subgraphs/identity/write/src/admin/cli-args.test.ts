import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, parseArgs, usage, UsageError } from './cli-args';

const usageError = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (err) {
    assert.ok(err instanceof UsageError);
    return err.message;
  }
  assert.fail(`expected a usage error for ${argv.join(' ')}`);
};

describe('admin CLI arguments', () => {
  it('parses --flag value and --flag=value, plus --json', () => {
    assert.deepEqual(parseArgs(['create-tenant', '--name', 'Acme Ltd', '--owner-email=a@b.co', '--json']), {
      kind: 'run',
      command: 'create-tenant',
      flags: { name: 'Acme Ltd', 'owner-email': 'a@b.co' },
      json: true,
    });
    assert.deepEqual(parseArgs(['list-keys', '--tenant', 't']), { kind: 'run', command: 'list-keys', flags: { tenant: 't' }, json: false });
    // a value that starts with dashes needs the = form
    assert.equal(
      (
        parseArgs(['create-user', '--tenant', 't', '--email', 'e', '--role', 'r', '--password=--odd-but-allowed']) as {
          flags: Record<string, string>;
        }
      ).flags['password'],
      '--odd-but-allowed',
    );
  });

  it('answers help for no command, help, --help and <command> --help', () => {
    assert.deepEqual(parseArgs([]), { kind: 'help', command: null });
    assert.deepEqual(parseArgs(['--help']), { kind: 'help', command: null });
    assert.deepEqual(parseArgs(['help', 'create-key']), { kind: 'help', command: 'create-key' });
    assert.deepEqual(parseArgs(['rotate-key', '--help']), { kind: 'help', command: 'rotate-key' });
  });

  it('refuses unknown commands and options, missing values, repeats and missing required flags', () => {
    assert.match(usageError(['drop-tenant']), /unknown command/);
    assert.match(usageError(['list-keys', '--tenant', 't', '--all']), /unknown option --all/);
    assert.match(usageError(['list-keys', '--tenant']), /--tenant needs a value/);
    assert.match(usageError(['list-keys', '--tenant', '--json']), /--tenant needs a value/);
    assert.match(usageError(['list-keys', '--tenant', 'a', '--tenant', 'b']), /given twice/);
    assert.match(usageError(['list-keys', 'extra']), /unexpected argument/);
    assert.match(usageError(['create-key', '--tenant', 't']), /missing --application, --role/);
    assert.match(usageError(['create-tenant', '--name', '  ', '--owner-email', 'a@b.co']), /missing --name/);
  });

  it('documents every command and flag', () => {
    const text = usage();
    for (const c of COMMANDS) {
      assert.ok(text.includes(c.name), c.name);
      for (const f of c.flags) assert.ok(text.includes(`--${f.name}`), `${c.name} --${f.name}`);
    }
    assert.ok(usage('list-keys').includes('list-keys') && !usage('list-keys').includes('--owner-email'));
  });
});
