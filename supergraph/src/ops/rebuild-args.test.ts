import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CliUsageError } from '@crm/platform/cli';
import { parseRebuildArgs } from './rebuild-args';

describe('npm run rebuild arguments', () => {
  it('accepts each read model', () => {
    assert.deepEqual(parseRebuildArgs(['contacts-read']), { kind: 'rebuild', readModel: 'contacts-read', json: false });
    assert.deepEqual(parseRebuildArgs(['identity-read', '--json']), { kind: 'rebuild', readModel: 'identity-read', json: true });
  });
  it('answers --help', () => assert.deepEqual(parseRebuildArgs(['--help']), { kind: 'help' }));
  const refused: [string[], RegExp][] = [
    [[], /which read model\? one of contacts-read, identity-read/],
    [['contacts-write'], /unknown read model "contacts-write"/],
    [['contacts-read', 'identity-read'], /one read model per run/],
    [['contacts-read', '--force'], /Unknown option '--force'/],
    [['contacts-read', '--namespace', '../x'], /--namespace/],
  ];
  for (const [argv, message] of refused) {
    it(`refuses ${JSON.stringify(argv)} with a clear message`, () => {
      assert.throws(
        () => parseRebuildArgs(argv),
        (err: unknown) => err instanceof CliUsageError && message.test(err.message),
      );
    });
  }
});
