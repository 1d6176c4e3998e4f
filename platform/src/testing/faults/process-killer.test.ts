import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { planKills, signalChild, startProcessKiller } from './process-killer';

/** A child that announces it is ready, then ticks until killed; SIGTERM makes it exit 0 cleanly. */
const WORKER = `
process.on('SIGTERM', () => { process.stdout.write('draining\\n'); process.exit(0); });
process.stdout.write('ready\\n');
setInterval(() => process.stdout.write('tick\\n'), 20);
`;

describe('process killer', () => {
  it('plans the same kills for the same seed and different kills for another seed', () => {
    const a = planKills(42, 8, [100, 900], ['SIGKILL', 'SIGTERM']);
    assert.deepEqual(planKills(42, 8, [100, 900], ['SIGKILL', 'SIGTERM']), a);
    assert.notDeepEqual(planKills(43, 8, [100, 900], ['SIGKILL', 'SIGTERM']), a);
    for (const k of a) assert.ok(k.afterMs >= 100 && k.afterMs <= 900);
    assert.ok(new Set(planKills(7, 40, [0, 10], ['SIGKILL', 'SIGTERM']).map((k) => k.signal)).size === 2, 'both signals get drawn');
  });

  it('kills the child with the planned signals after it is ready, restarts it, and stops the last one', async () => {
    const chaos = startProcessKiller({
      command: process.execPath,
      args: ['-e', WORKER],
      seed: 1234,
      kills: 4,
      uptimeMs: [30, 120],
      signals: ['SIGKILL', 'SIGTERM'],
      readyLine: /^ready$/,
    });
    await chaos.finished;
    assert.equal(chaos.kills.length, 4);
    assert.equal(chaos.starts, 5, 'restarted after every kill');
    assert.deepEqual(
      chaos.kills.map((k) => k.signal),
      chaos.plan.map((p) => p.signal),
    );
    assert.equal(new Set(chaos.kills.map((k) => k.pid)).size, 4, 'a new process each time');
    for (const k of chaos.kills) {
      if (k.signal === 'SIGKILL') assert.equal(k.exitSignal, 'SIGKILL', 'SIGKILL cannot be handled');
      else assert.equal(k.exitCode, 0, 'SIGTERM lets the child drain and exit 0');
      assert.ok(k.uptimeMs >= 25, `killed only after being ready (${k.uptimeMs} ms)`);
    }
    while (!/\[#5 out\] ready/.test(chaos.tail(400))) await new Promise((r) => setTimeout(r, 20));
    const last = await chaos.stop();
    assert.equal(last.exitCode, 0);
    assert.equal(chaos.kills.length, 4, 'stop() is not counted as a kill');
  });

  it('stop() interrupts the schedule early', async () => {
    const chaos = startProcessKiller({
      command: process.execPath,
      args: ['-e', WORKER],
      seed: 1,
      kills: 100,
      uptimeMs: [60_000, 60_000],
      readyLine: /^ready$/,
    });
    while (!/\[#1 out\] ready/.test(chaos.tail())) await new Promise((r) => setTimeout(r, 20));
    const exit = await chaos.stop();
    assert.equal(exit.exitCode, 0);
    assert.equal(chaos.kills.length, 0);
    assert.equal(chaos.starts, 1);
  });

  it('a child that cannot even start does not hang the schedule, and says why', async () => {
    const chaos = startProcessKiller({ command: '/nonexistent/crm-worker', args: [], seed: 5, kills: 2, uptimeMs: [10, 20], readyLine: /^ready$/ });
    await chaos.finished;
    await chaos.stop();
    assert.equal(chaos.starts, 3);
    assert.match(chaos.tail(), /\[#1 spawn\] .*ENOENT/);
  });

  it('never signals a child whose spawn failed: Node would signal the pid field of the unspawned handle', async () => {
    // That field is uninitialised: seen as 0 (kill(0, SIGTERM) hits this whole process group — the
    // test runner, npm and the CI task died so) and as random numbers.
    const child = spawn('/nonexistent/crm-worker', [], { stdio: 'ignore' });
    child.on('error', () => undefined);
    const sent: unknown[] = [];
    child.kill = (signal?: NodeJS.Signals | number) => (sent.push(signal), true);
    signalChild(child, 'SIGTERM'); // before Node reports the failure (next tick)
    await new Promise((r) => setImmediate(r));
    signalChild(child, 'SIGKILL'); // and after
    assert.deepEqual(sent, []);
  });
});
