import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetCommitter, type PartitionOffset } from './offset-committer';

function clock(start = 10_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('OffsetCommitter', () => {
  it('commits a partition at most once per interval, or after the message threshold', async () => {
    const c = clock();
    const o = new OffsetCommitter(1000, 3, c.now);
    const sent: PartitionOffset[][] = [];
    const commit = async (x: PartitionOffset[]) => void sent.push(x);

    assert.equal(o.handled('t', 0, '1'), true, 'the first message of a partition is due at once');
    await o.flush(commit, [OffsetCommitter.key('t', 0)]);
    assert.equal(o.handled('t', 0, '2'), false, 'within the interval: deferred');
    c.advance(400);
    assert.equal(o.handled('t', 0, '3'), false);
    assert.equal(o.isDue(OffsetCommitter.key('t', 0)), false);
    assert.equal(o.handled('t', 0, '4'), true, 'three uncommitted messages reach the threshold');
    await o.flush(commit, [OffsetCommitter.key('t', 0)]);
    o.handled('t', 0, '5');
    c.advance(1000);
    assert.equal(o.isDue(OffsetCommitter.key('t', 0)), true, 'the interval has passed');
    assert.deepEqual(
      sent.map((b) => b.map((x) => x.offset)),
      [['1'], ['4']],
    );
  });

  it('a flush without keys commits every partition with its latest offset, once', async () => {
    const o = new OffsetCommitter(1000, 100, clock().now);
    for (const [p, off] of [
      [0, '7'],
      [1, '3'],
      [0, '8'],
    ] as const)
      o.handled('t', p, off);
    const sent: PartitionOffset[][] = [];
    await o.flush(async (x) => void sent.push(x));
    await o.flush(async (x) => void sent.push(x));
    assert.deepEqual(sent, [
      [
        { topic: 't', partition: 0, offset: '8' },
        { topic: 't', partition: 1, offset: '3' },
      ],
    ]);
    assert.equal(o.size, 0);
  });

  it('commits run one at a time, so an older offset never lands after a newer one', async () => {
    const o = new OffsetCommitter(0, 100, clock().now);
    const landed: string[] = [];
    let release!: () => void;
    const slow = (x: PartitionOffset[]) =>
      new Promise<void>((r) => {
        release = () => {
          landed.push(...x.map((y) => y.offset));
          r();
        };
      });
    o.handled('t', 0, '10');
    const first = o.flush(slow);
    await new Promise((r) => setImmediate(r));
    o.handled('t', 0, '11');
    const second = o.flush(async (x) => void landed.push(...x.map((y) => y.offset)));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(landed, [], 'the second commit waits for the first');
    release();
    await Promise.all([first, second]);
    assert.deepEqual(landed, ['10', '11']);
  });

  it('a failed commit is reported and not retried with the same offsets', async () => {
    const o = new OffsetCommitter(0, 100, clock().now);
    o.handled('t', 0, '5');
    await assert.rejects(
      o.flush(() => Promise.reject(new Error('REBALANCE_IN_PROGRESS'))),
      /REBALANCE_IN_PROGRESS/,
    );
    const sent: PartitionOffset[][] = [];
    await o.flush(async (x) => void sent.push(x));
    assert.equal(sent.length, 0, 'nothing left to commit');
    o.handled('t', 0, '6');
    await o.flush(async (x) => void sent.push(x));
    assert.deepEqual(sent, [[{ topic: 't', partition: 0, offset: '6' }]], 'later commits still go through');
  });

  it('after a rebalance, offsets of partitions the member lost are dropped (they would move the new owner back)', async () => {
    const o = new OffsetCommitter(1000, 100, clock().now);
    o.handled('a', 0, '3');
    o.handled('a', 1, '9');
    o.handled('b', 2, '4');
    o.keepOnly({ a: [1], b: [2, 3] });
    const sent: PartitionOffset[][] = [];
    await o.flush(async (x) => void sent.push(x));
    assert.deepEqual(sent, [
      [
        { topic: 'a', partition: 1, offset: '9' },
        { topic: 'b', partition: 2, offset: '4' },
      ],
    ]);
  });
});
