import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, summarize } from './stats';
import { parseArgs } from './args';

test('nearest-rank percentiles', () => {
  const v = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(v, 50), 50);
  assert.equal(percentile(v, 99), 99);
  assert.equal(percentile(v, 100), 100);
  assert.equal(percentile([], 50), null);
  assert.deepEqual(summarize([3, 1, 2]), { n: 3, p50: 2, p95: 3, p99: 3, max: 3 });
});

test('argument parsing', () => {
  const a = parseArgs(['--quick', '--local-backends', '--s5-rate', '50']);
  assert.equal(a.durationS, 3);
  assert.equal(a.warmupS, 1);
  assert.deepEqual(a.s5Rates, [50]);
  assert.deepEqual(parseArgs([]).s5Rates, [10, 100, 500], 'the rates performance.md §6 asks for');
  assert.deepEqual(parseArgs(['--s5-rates', '10,200']).s5Rates, [10, 200]);
  assert.equal(parseArgs(['--no-pin']).pin, false);
  assert.equal(parseArgs([]).s3Rounds, 3);
  assert.equal(parseArgs(['--quick']).s3Rounds, 1);
  assert.deepEqual(parseArgs(['--only', 's3,s4']).only, ['s3', 's4']);
  assert.equal(a.localBackends, true);
  assert.equal(a.startKafka, false);
  assert.equal(parseArgs(['--duration=20']).durationS, 20);
  assert.throws(() => parseArgs(['--nope']));
  assert.equal(parseArgs([]).portBase, 31000);
  assert.equal(parseArgs(['--port-base', '25000']).portBase, 25000);
  assert.equal(parseArgs([], { BENCH_PORT_BASE: '24000' }).portBase, 24000);
  assert.equal(parseArgs(['--port-base=25000'], { BENCH_PORT_BASE: '24000' }).portBase, 25000, 'the argument wins');
  assert.throws(() => parseArgs(['--port-base', '32700']), /--port-base needs a whole number in \[1024, 32662\]/);
  assert.throws(() => parseArgs([], { BENCH_PORT_BASE: 'x' }), /BENCH_PORT_BASE/);
});
