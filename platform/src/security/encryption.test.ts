import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors/app-error';
import { SecretBox } from './encryption';

const SECRET = 'secretbox-test-secret-0123456789abcdef';
const SEALED_SHAPE = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

const isOpenFailure = (err: unknown) => err instanceof AppError && err.code === 'INTERNAL' && err.reason === 'SEALED_VALUE_INVALID';

/** Re-encodes one base64url segment with one bit flipped. */
function flipBit(segment: string, bit: number): string {
  const bytes = Buffer.from(segment, 'base64url');
  bytes[Math.floor(bit / 8) % bytes.length]! ^= 1 << bit % 8;
  return bytes.toString('base64url');
}
function replacePart(sealed: string, index: number, fn: (part: string) => string): string {
  const parts = sealed.split('.');
  parts[index] = fn(parts[index]!);
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(SECRET, 'webhook-secrets');

  it('round-trips text and bytes', () => {
    for (const text of ['', 'whsec_abc', 'ünïcødé 🔐', 'x'.repeat(100_000)]) {
      const sealed = box.seal(text);
      assert.match(sealed, SEALED_SHAPE);
      assert.equal(box.open(sealed), text);
    }
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    assert.deepEqual(box.openBytes(box.seal(bytes)), bytes);
  });

  it('never seals the same plaintext to the same output (random IV)', () => {
    assert.notEqual(box.seal('same'), box.seal('same'));
  });

  it('does not leak the plaintext into the sealed form', () => {
    const sealed = box.seal('very-secret-value');
    assert.ok(!sealed.includes('very-secret-value'));
    assert.ok(!Buffer.from(sealed.split('.')[2]!, 'base64url').toString('utf8').includes('very-secret'));
  });

  it('detects any flipped bit in iv, ciphertext or tag', () => {
    const sealed = box.seal('tamper with me, if you can');
    for (const part of [1, 2, 3]) {
      for (const bit of [0, 7, 13, 42, 95]) {
        assert.throws(() => box.open(replacePart(sealed, part, (s) => flipBit(s, bit))), isOpenFailure, `part ${part} bit ${bit}`);
      }
    }
  });

  it('refuses truncated tags, swapped parts, other versions and malformed input', () => {
    const a = box.seal('value a');
    const b = box.seal('value b');
    const [, ivA, ctA, tagA] = a.split('.');
    const [, , ctB, tagB] = b.split('.');
    const bad = [
      `v1.${ivA}.${ctA}.${Buffer.from(tagA!, 'base64url').subarray(0, 12).toString('base64url')}`,
      `v1.${ivA}.${ctA}.${Buffer.from(tagA!, 'base64url').subarray(0, 4).toString('base64url')}`,
      `v1.${ivA}.${ctB}.${tagB}`,
      `v1.${ivA}.${ctA}.${tagB}`,
      `v2.${ivA}.${ctA}.${tagA}`,
      `V1.${ivA}.${ctA}.${tagA}`,
      `v1.${ivA}.${ctA}`,
      `v1.${ivA}.${ctA}.${tagA}.extra`,
      `v1.${ivA}.${ctA}.${tagA}=`,
      `v1.${ivA}.${ctA}+.${tagA}`,
      `v1..${ctA}.${tagA}`,
      '',
      'garbage',
    ];
    for (const sealed of bad) assert.throws(() => box.open(sealed), isOpenFailure, sealed);
  });

  it('derives separate keys per context and per secret', () => {
    const sealed = box.seal('context bound');
    assert.throws(() => new SecretBox(SECRET, 'oauth-tokens').open(sealed), isOpenFailure);
    assert.throws(() => new SecretBox(`${SECRET}!`, 'webhook-secrets').open(sealed), isOpenFailure);
    assert.equal(new SecretBox(SECRET, 'webhook-secrets').open(sealed), 'context bound');
  });

  it('binds associated data: a value moved to another row does not open', () => {
    const sealed = box.seal('row secret', 'endpoint:1');
    assert.equal(box.open(sealed, 'endpoint:1'), 'row secret');
    assert.throws(() => box.open(sealed, 'endpoint:2'), isOpenFailure);
    assert.throws(() => box.open(sealed), isOpenFailure);
  });

  it('opens values sealed under a previous secret after rotation, and seals with the new one', () => {
    const oldBox = new SecretBox(SECRET, 'ctx');
    const oldSealed = oldBox.seal('from before');
    const rotated = new SecretBox('a-brand-new-secret-0123456789-abcdef', 'ctx', [SECRET]);
    assert.equal(rotated.open(oldSealed), 'from before');
    assert.throws(() => oldBox.open(rotated.seal('after')), isOpenFailure);
  });

  it('refuses short secrets and an empty context', () => {
    assert.throws(() => new SecretBox('too-short', 'ctx'), /at least 32 bytes/);
    assert.throws(() => new SecretBox(SECRET, ''), /context/);
  });
});
