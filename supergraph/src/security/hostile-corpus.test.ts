import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { graphqlCorpus, restCorpus, Rng, type HostileRequest } from './hostile-corpus';

const fingerprint = (corpus: HostileRequest[]) =>
  corpus
    .map(
      (r) =>
        `${r.kind}|${r.caller}|${r.method}|${r.path}|${JSON.stringify(r.headers)}|${r.body?.toString('base64') ?? ''}|${r.raw?.toString('base64') ?? ''}|${r.chunked ?? ''}`,
    )
    .join('\n');

describe('hostile corpus generator', () => {
  const gql = graphqlCorpus(3, 400);
  const rest = restCorpus(3, 560);

  it('Rng: the same seed gives the same sequence, another seed another one, all within bounds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = Array.from({ length: 1000 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b.next()),
    );
    assert.notDeepEqual(
      xs,
      Array.from({ length: 1000 }, () => c.next()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const ints = Array.from({ length: 1000 }, () => a.int(3, 5));
    assert.deepEqual([...new Set(ints)].sort(), [3, 4, 5]);
    assert.equal(a.text(100_000).length, 100_000);
  });

  it('is deterministic: the same seed gives byte-identical requests, another seed different ones', () => {
    assert.equal(fingerprint(graphqlCorpus(1, 300)), fingerprint(graphqlCorpus(1, 300)));
    assert.notEqual(fingerprint(graphqlCorpus(1, 300)), fingerprint(graphqlCorpus(2, 300)));
    assert.equal(fingerprint(restCorpus(1, 300)), fingerprint(restCorpus(1, 300)));
    assert.notEqual(fingerprint(restCorpus(1, 300)), fingerprint(restCorpus(2, 300)));
  });

  it('covers every attack family for every caller', () => {
    assert.equal(gql.length, 400);
    assert.equal(rest.length, 560);
    const kinds = (c: HostileRequest[]) => new Set(c.map((r) => r.kind));
    for (const kind of [
      'syntax-error',
      'huge-string',
      'deep-nesting',
      'deep-json',
      'alias-flood',
      'token-flood',
      'directive-flood',
      'fragment-bomb',
      'wrong-types',
      'invalid-utf8',
      'content-type',
      'proto-keys',
      'oversized-body',
      'header-abuse',
      'bad-method',
      'bad-get',
      'batch',
      'body-shape',
    ]) {
      assert.ok(kinds(gql).has(`graphql:${kind}`), kind);
    }
    for (const kind of [
      'hostile-path',
      'bad-query',
      'invalid-json',
      'invalid-utf8',
      'proto-keys',
      'wrong-types',
      'oversized-body',
      'content-type',
      'bad-method',
      'header-abuse',
      'malformed-http',
      'unknown-path',
    ]) {
      assert.ok(kinds(rest).has(`rest:${kind}`), kind);
    }
    for (const corpus of [gql, rest]) {
      for (const caller of ['anonymous', 'public', 'secret', 'bearer'])
        assert.ok(corpus.filter((r) => r.caller === caller).length >= corpus.length / 5, caller);
    }
  });

  it('really puts hostile bytes on the wire: invalid UTF-8, latin-1 header bytes, oversized and chunked bodies', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const invalid = [...gql.filter((r) => r.kind === 'graphql:invalid-utf8'), ...rest.filter((r) => r.kind === 'rest:invalid-utf8')];
    assert.ok(invalid.length > 0);
    for (const r of invalid) assert.throws(() => utf8.decode(r.body!), 'the body is not valid UTF-8');
    assert.ok(
      gql.some((r) => Object.values(r.headers).some((v) => /[\u0080-\u00ff]/.test(String(v)))),
      'some header values hold non-ASCII bytes',
    );
    assert.ok(gql.some((r) => r.kind === 'graphql:oversized-body' && r.chunked && r.body!.length > 262_144));
    assert.ok(gql.some((r) => r.kind === 'graphql:oversized-body' && !r.chunked && r.body!.length > 262_144));
    // node:http puts only latin-1 on the wire: the generator never builds a header or path it would refuse
    for (const r of [...gql, ...rest]) {
      assert.ok(!/[^\u0021-\u00ff]/.test(r.path), `${r.kind} path ${r.path.slice(0, 40)}`);
      for (const v of Object.values(r.headers).flat()) assert.ok(!/[^\t\u0020-\u007e\u0080-\u00ff]/.test(v), `${r.kind} header ${v.slice(0, 40)}`);
    }
  });
});
