import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import * as zlib from 'node:zlib';
import { API_KEY_LENGTH, apiKeyMatches, generateApiKey, hashApiKey, maskApiKey, parseApiKey, type ApiKeyEnv, type ApiKeyKind } from './api-keys';
import { constantTimeEqual } from './constant-time';
import { BASE62_ALPHABET, crc32, toBase62 } from './encoding';
import { REFRESH_TOKEN_PREFIX, hashOpaqueToken, isOpaqueToken, newOpaqueToken } from './opaque-tokens';

const PEPPER = 'p'.repeat(16) + randomBytes(16).toString('hex');
const KEY_SHAPE = /^crm_(pk|sk)_(live|test)_[0-9A-Za-z]{49}$/;
const COMBOS: Array<[ApiKeyKind, ApiKeyEnv, string]> = [
  ['public', 'live', 'crm_pk_live_'],
  ['public', 'test', 'crm_pk_test_'],
  ['secret', 'live', 'crm_sk_live_'],
  ['secret', 'test', 'crm_sk_test_'],
];

/** The same key with the character at `index` replaced by a different base62 character. */
function withCharChanged(key: string, index: number, pick: (n: number) => number = randomInt): string {
  const original = key[index]!;
  const others = [...BASE62_ALPHABET].filter((c) => c !== original);
  return key.slice(0, index) + others[pick(others.length)] + key.slice(index + 1);
}

describe('generateApiKey / parseApiKey', () => {
  it('generates keys of the documented shape for every kind and environment, and parses them back', () => {
    for (const [kind, env, prefix] of COMBOS) {
      const { key, prefix: p, last4 } = generateApiKey(kind, env);
      assert.match(key, KEY_SHAPE);
      assert.equal(key.length, API_KEY_LENGTH);
      assert.equal(key.length, 61);
      assert.ok(key.startsWith(prefix));
      assert.equal(p, prefix);
      assert.equal(last4, key.slice(-4));
      assert.deepEqual(parseApiKey(key), { kind, env, prefix });
    }
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey('secret', 'live').key));
    assert.equal(keys.size, 2000);
  });

  it('uses the whole base62 alphabet in the random part (no visible bias toward low digits)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const ch of generateApiKey('secret', 'test').key.slice(12, 55)) seen.add(ch);
    assert.equal(seen.size, 62);
  });

  it('checksum: any single changed character anywhere in the key is caught (many random keys)', () => {
    for (let i = 0; i < 2000; i++) {
      const [kind, env] = COMBOS[i % COMBOS.length]!;
      const { key } = generateApiKey(kind, env);
      const changed = withCharChanged(key, randomInt(key.length));
      assert.equal(parseApiKey(changed), null, `${key} -> ${changed}`);
    }
  });

  it('checksum: every single-character substitution of a few keys is caught (exhaustive)', () => {
    for (let k = 0; k < 3; k++) {
      const { key } = generateApiKey('secret', 'live');
      for (let index = 0; index < key.length; index++) {
        for (const ch of BASE62_ALPHABET) {
          if (ch === key[index]) continue;
          const changed = key.slice(0, index) + ch + key.slice(index + 1);
          assert.equal(parseApiKey(changed), null, `position ${index} -> ${ch}`);
        }
      }
    }
  });

  it('checksum: swapping two adjacent different characters is caught', () => {
    for (let i = 0; i < 500; i++) {
      const { key } = generateApiKey('public', 'live');
      const index = 12 + randomInt(key.length - 13);
      if (key[index] === key[index + 1]) continue;
      const swapped = key.slice(0, index) + key[index + 1] + key[index] + key.slice(index + 2);
      assert.equal(parseApiKey(swapped), null);
    }
  });

  it('rejects wrong prefixes, wrong lengths and foreign characters', () => {
    const { key } = generateApiKey('secret', 'live');
    const body = key.slice('crm_sk_live_'.length);
    const rejected: unknown[] = [
      '',
      'crm_sk_live_',
      key.slice(0, -1),
      key + 'a',
      key + '\n',
      ` ${key}`,
      key.toUpperCase(),
      `crm_xk_live_${body}`,
      `crm_sk_prod_${body}`,
      `crm_sk_Live_${body}`,
      `CRM_sk_live_${body}`,
      `sk_live_${body}`,
      `crm-sk-live-${body}`,
      `crm_rt_${body}xxxxx`,
      key.slice(0, 20) + '-' + key.slice(21),
      key.slice(0, 20) + '_' + key.slice(21),
      key.slice(0, 20) + 'é' + key.slice(21),
      undefined,
      null,
      42,
      { key },
    ];
    for (const candidate of rejected) assert.equal(parseApiKey(candidate), null, String(candidate));
  });

  it('rejects a random part larger than 256 bits even with a matching checksum', () => {
    const body = `crm_sk_live_${'z'.repeat(43)}`;
    const forged = body + toBase62(BigInt(crc32(body)), 6);
    assert.equal(parseApiKey(forged), null);
  });
});

describe('hashApiKey / apiKeyMatches / maskApiKey', () => {
  it('is the hex HMAC-SHA256 of the key under the pepper', () => {
    const { key } = generateApiKey('secret', 'live');
    const expected = createHmac('sha256', PEPPER).update(key).digest('hex');
    assert.equal(hashApiKey(key, PEPPER), expected);
    assert.match(hashApiKey(key, PEPPER), /^[0-9a-f]{64}$/);
    assert.equal(hashApiKey(key, PEPPER), hashApiKey(key, Buffer.from(PEPPER)));
  });

  it('depends on the pepper, so a leaked hash table is useless without it', () => {
    const { key } = generateApiKey('secret', 'live');
    assert.notEqual(hashApiKey(key, PEPPER), hashApiKey(key, PEPPER.replace(/^p/, 'q')));
  });

  it('refuses a pepper shorter than 32 bytes', () => {
    assert.throws(() => hashApiKey('crm_sk_live_x', 'short-pepper'), /at least 32 bytes/);
  });

  it('matches the presented key against the stored hash', () => {
    const { key } = generateApiKey('secret', 'test');
    const stored = hashApiKey(key, PEPPER);
    assert.equal(apiKeyMatches(key, stored, PEPPER), true);
    assert.equal(apiKeyMatches(key, stored.toUpperCase(), PEPPER), true);
    assert.equal(apiKeyMatches(generateApiKey('secret', 'test').key, stored, PEPPER), false);
    assert.equal(apiKeyMatches(key, stored.slice(0, 63), PEPPER), false);
  });

  it('masks a key as prefix + last four', () => {
    const { key, prefix, last4 } = generateApiKey('secret', 'live');
    const masked = maskApiKey(prefix, last4);
    assert.equal(masked, `crm_sk_live_...${key.slice(-4)}`);
    assert.ok(!masked.includes(key.slice(12, 55)));
  });
});

describe('crc32 and constantTimeEqual', () => {
  it('crc32 gives the standard check value and agrees with zlib where Node has it', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
    const zlibCrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
    if (zlibCrc) {
      for (let i = 0; i < 50; i++) {
        const data = randomBytes(randomInt(200));
        assert.equal(crc32(data), zlibCrc(data));
      }
    }
  });

  it('constantTimeEqual compares values of any length', () => {
    assert.equal(constantTimeEqual('abc', 'abc'), true);
    assert.equal(constantTimeEqual('abc', 'abd'), false);
    assert.equal(constantTimeEqual('abc', 'abcd'), false);
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual(Buffer.from('xyz'), 'xyz'), true);
  });
});

describe('opaque tokens', () => {
  it('makes refresh tokens crm_rt_<base64url of 32 random bytes>', () => {
    const token = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    assert.match(token, /^crm_rt_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token.slice(7), 'base64url').length, 32);
    assert.ok(newOpaqueToken().startsWith('crm_rt_'));
  });

  it('never repeats a token', () => {
    assert.equal(new Set(Array.from({ length: 2000 }, () => newOpaqueToken('crm_rt_'))).size, 2000);
  });

  it('hashes to the SHA-256 hex of the token', () => {
    const token = newOpaqueToken('crm_rt_');
    assert.equal(hashOpaqueToken(token), createHash('sha256').update(token).digest('hex'));
    assert.match(hashOpaqueToken(token), /^[0-9a-f]{64}$/);
    assert.notEqual(hashOpaqueToken(token), hashOpaqueToken(newOpaqueToken('crm_rt_')));
  });

  it('recognises its own shape and nothing else', () => {
    const token = newOpaqueToken('crm_rt_');
    assert.equal(isOpaqueToken(token), true);
    assert.equal(isOpaqueToken(token, 'crm_et_'), false);
    assert.equal(isOpaqueToken(token.slice(0, -1)), false);
    assert.equal(isOpaqueToken(token + 'A'), false);
    assert.equal(isOpaqueToken(`crm_rt_${'A'.repeat(42)}B`), false, 'non-canonical last character');
    assert.equal(isOpaqueToken(`crm_rt_${'A'.repeat(42)}=`), false);
    assert.equal(isOpaqueToken(undefined), false);
    assert.equal(isOpaqueToken(generateApiKey('secret', 'live').key), false);
  });

  it('refuses malformed prefixes', () => {
    for (const prefix of ['', 'rt_', 'crm_rt', 'crm_RT_', 'crm_r t_', 'x'.repeat(40)]) {
      assert.throws(() => newOpaqueToken(prefix), /prefix/);
    }
  });
});
