import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSettings, subscribesTo } from './endpoint-rules';

const known = new Set(['contact.created', 'contact.updated']);
const base: { url: string; events: string[]; description: string | null; enabled: boolean } = {
  url: 'https://hooks.example.com/a',
  events: ['contact.created'],
  description: null,
  enabled: true,
};

describe('webhook endpoint settings', () => {
  it('normalises: the parsed URL, events deduplicated and sorted, a trimmed description (empty = none)', () => {
    assert.deepEqual(
      normaliseSettings(
        {
          url: ' HTTPS://Hooks.Example.com/a ',
          events: ['contact.updated', 'contact.created', 'contact.updated'],
          description: '  x ',
          enabled: false,
        },
        known,
      ),
      { url: 'https://hooks.example.com/a', events: ['contact.created', 'contact.updated'], description: 'x', enabled: false },
    );
    assert.equal(normaliseSettings({ ...base, description: '   ' }, known).description, null);
  });

  it('refuses, naming the field: no URL, a relative URL, a fragment, no events, an unknown event type, a long description', () => {
    const cases: [Partial<typeof base>, string][] = [
      [{ url: '  ' }, 'url'],
      [{ url: '/relative' }, 'url'],
      [{ url: 'https://hooks.example.com/#x' }, 'url'],
      [{ events: [] }, 'events'],
      [{ events: ['contact.exploded'] }, 'events'],
      [{ events: Array.from({ length: 101 }, () => '*') }, 'events'],
      [{ description: 'x'.repeat(501) }, 'description'],
    ];
    for (const [patch, field] of cases) {
      assert.throws(() => normaliseSettings({ ...base, ...patch }, known), { code: 'VALIDATION', field }, JSON.stringify(patch).slice(0, 80));
    }
  });

  it('* subscribes to every type; otherwise only the listed ones', () => {
    assert.equal(subscribesTo(['*'], 'user.created'), true);
    assert.equal(subscribesTo(['contact.created'], 'contact.created'), true);
    assert.equal(subscribesTo(['contact.created'], 'contact.updated'), false);
  });
});
