import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDlqArgs, UsageError } from './dlq-args';

describe('npm run dlq arguments', () => {
  it('accepts replay with a topic and a consumer group', () => {
    assert.deepEqual(parseDlqArgs(['replay', '--topic', 'crm.contacts.events', '--consumer-group', 'contacts-read.projector']), {
      kind: 'replay',
      topic: 'crm.contacts.events',
      consumerGroup: 'contacts-read.projector',
      fromStart: false,
      dryRun: false,
      json: false,
    });
  });

  it('list reads the whole DLQ and never publishes', () => {
    const c = parseDlqArgs(['list', '--topic', 'crm.identity.events', '--json']);
    assert.equal(c.kind, 'list');
    assert.ok(c.kind === 'list' && c.fromStart && c.dryRun && c.json);
  });

  it('answers --help', () => assert.deepEqual(parseDlqArgs(['--help']), { kind: 'help' }));

  const refused: [string[], RegExp][] = [
    [[], /a command is required/],
    [['purge', '--topic', 'crm.contacts.events'], /unknown command "purge"/],
    [['replay'], /--topic is required/],
    [['replay', '--topic', 'crm.contacts.events.dlq'], /not its DLQ: use --topic crm\.contacts\.events/],
    [['replay', '--topic', 'contacts'], /not an event topic/],
    [['replay', '--topic', 'crm.contacts.events', '--consumer-group', 'Bad Group!'], /not a consumer group name/],
    [['replay', '--topic', 'crm.contacts.events', '--bogus'], /Unknown option '--bogus'/],
    [['replay', '--topic', 'crm.contacts.events', 'extra'], /unexpected argument "extra"/],
    [['list', '--topic', 'crm.contacts.events', '--dry-run'], /--dry-run applies to replay only/],
    [['replay', '--topic', 'crm.contacts.events', '--namespace', 'a/b'], /--namespace "a\/b"/],
  ];
  for (const [argv, message] of refused) {
    it(`refuses ${JSON.stringify(argv)} with a clear message`, () => {
      assert.throws(
        () => parseDlqArgs(argv),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
      );
    });
  }
});
