import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { callerKeyOf, mergeTokens, ReadYourWrites, RYW_KEY_PREFIX } from './read-your-writes';

const logger = pino({ level: 'silent' });
const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

describe('callerKeyOf', () => {
  it('hashes the identity headers only', () => {
    const a = callerKeyOf({ api_key: 'k', authorization: 'Bearer t', 'x-request-id': '1' });
    assert.equal(a, callerKeyOf({ api_key: 'k', authorization: 'Bearer t', 'x-request-id': '2' }));
    assert.notEqual(a, callerKeyOf({ api_key: 'k', authorization: 'Bearer u' }));
    assert.notEqual(callerKeyOf({ api_key: 'ab', authorization: 'c' }), callerKeyOf({ api_key: 'a', authorization: 'bc' }));
    assert.match(a, /^[0-9a-f]{64}$/);
  });
});

describe('mergeTokens', () => {
  it('keeps one token per aggregate, the highest version, newest last, at most 20', () => {
    assert.deepEqual(mergeTokens([`contact:${id(1)}:1`, `contact:${id(2)}:1`], `contact:${id(1)}:2`), [`contact:${id(2)}:1`, `contact:${id(1)}:2`]);
    assert.deepEqual(mergeTokens([`contact:${id(1)}:5`], `contact:${id(1)}:4`), [`contact:${id(1)}:5`]);
    let list: string[] = [];
    for (let i = 0; i < 25; i++) list = mergeTokens(list, `contact:${id(i)}:1`);
    assert.equal(list.length, 20);
    assert.equal(list[19], `contact:${id(24)}:1`);
    assert.equal(list[0], `contact:${id(5)}:1`);
  });
});

describe('ReadYourWrites', () => {
  it('stores tokens under rest-facade:v1:ryw:<hash> and returns them', async () => {
    const cache = new MemoryCache();
    const ryw = new ReadYourWrites(cache, logger);
    await ryw.remember('abc', `contact:${id(1)}:1`);
    await ryw.remember('abc', null);
    assert.deepEqual(await ryw.tokens('abc'), [`contact:${id(1)}:1`]);
    assert.deepEqual(await ryw.tokens('other'), []);
    assert.ok(await cache.get(`${RYW_KEY_PREFIX}abc`));
  });

  it('loses no token when one caller writes concurrently (same clock tick)', async () => {
    const ryw = new ReadYourWrites(new MemoryCache(), logger, () => 1000);
    await Promise.all(Array.from({ length: 15 }, (_, i) => ryw.remember('k', `contact:${id(i)}:1`)));
    const tokens = await ryw.tokens('k');
    assert.equal(tokens.length, 15);
    assert.deepEqual(new Set(tokens), new Set(Array.from({ length: 15 }, (_, i) => `contact:${id(i)}:1`)));
  });

  it('fails soft when the cache fails', async () => {
    const broken = new MemoryCache();
    broken.get = async () => {
      throw new Error('down');
    };
    const ryw = new ReadYourWrites(broken, logger);
    await ryw.remember('k', `contact:${id(1)}:1`);
    assert.deepEqual(await ryw.tokens('k'), []);
  });
});
