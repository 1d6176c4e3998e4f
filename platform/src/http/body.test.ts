import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors/app-error';
import { isJsonContentType, parseJsonBody } from './body';

function rejects(raw: Buffer | string, pattern: RegExp, field?: string): void {
  assert.throws(
    () => parseJsonBody(Buffer.isBuffer(raw) ? raw : Buffer.from(raw)),
    (err: unknown) =>
      err instanceof AppError &&
      err.code === 'VALIDATION' &&
      err.reason === 'MALFORMED_BODY' &&
      pattern.test(err.message) &&
      (field === undefined || err.field === field),
  );
}

describe('parseJsonBody', () => {
  it('parses valid JSON (objects, arrays, scalars, unicode)', () => {
    assert.deepEqual(parseJsonBody(Buffer.from('{"a":1,"b":[true,null,"x"],"c":{"d":"Ελληνικά ✓"}}')), {
      a: 1,
      b: [true, null, 'x'],
      c: { d: 'Ελληνικά ✓' },
    });
    assert.deepEqual(parseJsonBody(Buffer.from('[1,2]')), [1, 2]);
    assert.equal(parseJsonBody(Buffer.from('"s"')), 's');
    assert.equal(parseJsonBody(Buffer.from(' 42 ')), 42);
    assert.deepEqual(parseJsonBody(Buffer.from('{"proto":1,"constructors":2,"prototypes":3,"__proto":4}')), {
      proto: 1,
      constructors: 2,
      prototypes: 3,
      __proto: 4,
    });
    assert.deepEqual(
      parseJsonBody(Buffer.from('{"name":"__proto__","v":"constructor"}')),
      { name: '__proto__', v: 'constructor' },
      'forbidden words as values are fine',
    );
  });

  it('returns undefined for an empty body', () => {
    assert.equal(parseJsonBody(Buffer.alloc(0)), undefined);
  });

  it('accepts a UTF-8 byte order mark', () => {
    assert.deepEqual(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])), { a: 1 });
  });

  it('rejects invalid UTF-8', () => {
    rejects(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /not valid UTF-8/);
    rejects(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), /not valid UTF-8/);
    rejects(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), /not valid UTF-8/); // encoded surrogate
  });

  it('rejects invalid JSON', () => {
    for (const text of ['{', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '{"a":1} {"b":2}', '   ']) rejects(text, /not valid JSON/);
  });

  it('rejects prototype-polluting keys anywhere', () => {
    const bodies: [string, string][] = [
      ['{"__proto__":{"isAdmin":true}}', '__proto__'],
      ['{"a":{"b":[{"c":{"__proto__":{"x":1}}}]}}', '__proto__'],
      ['{"\\u005f_proto__":{"x":1}}', '__proto__'],
      ['{"constructor":{"prototype":{"x":1}}}', 'prototype'],
      ['[{"ok":1},{"constructor":1}]', 'constructor'],
      ['{"deep":{"prototype":null}}', 'prototype'],
    ];
    for (const [text, key] of bodies) rejects(text, new RegExp(`forbidden key "${key}"`), key);
    assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined, 'Object.prototype untouched');
  });
});

describe('isJsonContentType', () => {
  it('recognises JSON media types', () => {
    for (const h of ['application/json', 'Application/JSON; charset=utf-8', 'application/graphql-response+json', 'application/problem+json ;x=y'])
      assert.ok(isJsonContentType(h), h);
    for (const h of [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp'])
      assert.ok(!isJsonContentType(h), String(h));
  });
});
