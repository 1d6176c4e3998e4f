import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GroupLagWatcher } from './group-lag-watcher';
import type { GroupPartitionProgress } from './ports';

const quiet = { warn: () => undefined };

function fakeBus(answers: (GroupPartitionProgress[] | Error)[]) {
  let i = 0;
  return {
    groupProgress: async () => {
      const a = answers[Math.min(i++, answers.length - 1)]!;
      if (a instanceof Error) throw a;
      return a;
    },
  };
}
const p = (partition: number, end: number, committed: number): GroupPartitionProgress => ({
  topic: 't',
  partition,
  end: BigInt(end),
  committed: BigInt(committed),
});

describe('GroupLagWatcher (a read API following a projector in another process)', () => {
  it('reports the group lag per partition and turns caught up once the group reached the ends seen at start', async () => {
    const w = await GroupLagWatcher.start(
      fakeBus([
        [p(0, 10, 4), p(1, 5, 5)],
        [p(0, 12, 9), p(1, 6, 5)],
        [p(0, 14, 10), p(1, 7, 5)],
      ]),
      'g',
      ['t'],
      quiet,
      3_600_000,
    );
    try {
      assert.deepEqual(
        w.lag().map((l) => [l.partition, l.lag, l.oldestPendingAt]),
        [
          [0, 6, null],
          [1, 0, null],
        ],
      );
      assert.equal(w.isRunning(), true);
      assert.equal(w.caughtUpWithStart(), false);
      await w.refresh();
      assert.equal(w.caughtUpWithStart(), false, 'partition 0 at 9 of the 10 there at start');
      await w.refresh();
      assert.equal(w.caughtUpWithStart(), true, 'both partitions reached their start ends (newer events do not move the target)');
      assert.equal(
        w.lag().reduce((n, l) => n + l.lag, 0),
        6,
      );
    } finally {
      w.stop();
    }
  });

  it('keeps the last known lag when the bus stops answering (never falls back to "caught up")', async () => {
    const w = await GroupLagWatcher.start(fakeBus([[p(0, 10, 4)], new Error('broker down')]), 'g', ['t'], quiet, 3_600_000);
    try {
      assert.equal(await w.refresh(), false);
      assert.equal(w.lag()[0]?.lag, 6);
    } finally {
      w.stop();
    }
  });
});
