import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { descendantsOf, distanceKm, searchNetwork, townsOf, type NetworkEntry } from './network-search';

const at = new Date('2024-01-01T00:00:00Z');
function venue(
  id: string,
  name: string,
  lat: number | null,
  lon: number | null,
  extra: Partial<NonNullable<NetworkEntry['profile']>> = {},
  parentId = 'm1',
): NetworkEntry {
  return {
    id,
    parentId,
    type: 'VENUE',
    name,
    createdAt: at,
    profile: {
      description: null,
      industry: null,
      industrySectors: [],
      businessActivities: [],
      tags: [],
      tapCode: null,
      addresses: [
        {
          id: `${id}-a`,
          name: null,
          addressLine1: '1 Street',
          addressLine2: null,
          townCity: 'Nicosia',
          postalCode: '1000',
          stateProvinceCounty: null,
          countryCode: 'CYP',
          lat,
          lon,
          googlePlaceId: null,
          isPrimary: true,
        },
      ],
      contactInfo: [],
      openingHours: [],
      ...extra,
    },
  };
}

describe('network search (pure)', () => {
  it('measures great-circle distances: Nicosia to Limassol is about 62 km, a point to itself 0', () => {
    const km = distanceKm({ lat: 35.1856, lon: 33.3823 }, { lat: 34.7071, lon: 33.0226 });
    assert.ok(km > 60 && km < 64, String(km));
    assert.equal(distanceKm({ lat: 10, lon: 20 }, { lat: 10, lon: 20 }), 0);
  });

  it('lists nearest first within the distance, leaving out unlocated and far organisations', () => {
    const entries = [
      venue('a', 'Far', 36, 34),
      venue('b', 'Near', 35.01, 33.01),
      venue('c', 'Nowhere', null, null),
      venue('d', 'Middle', 35.1, 33.1),
    ];
    const hits = searchNetwork(entries, { near: { lat: 35, lon: 33, withinKm: 50 } });
    assert.deepEqual(
      hits.map((h) => h.entry.name),
      ['Near', 'Middle'],
    );
    assert.ok(hits[0]!.nearest!.km < hits[1]!.nearest!.km);
    assert.deepEqual(
      searchNetwork(entries, { near: { lat: 35, lon: 33, withinKm: null } }).map((h) => h.entry.name),
      ['Near', 'Middle', 'Far'],
    );
  });

  it('filters by tags, industry, town, country, tap code and name (any case), by name without a point', () => {
    const entries = [
      venue('a', 'Beans', 35, 33, { tags: ['Coffee'], industry: 'Food', tapCode: 'T1' }),
      venue('b', 'Books', 35, 33, { tags: ['Books'], industry: 'Retail' }),
      venue('c', 'Brew', 35, 33, { tags: ['coffee', 'Wifi'], industry: 'Food' }),
    ];
    assert.deepEqual(
      searchNetwork(entries, { tags: ['COFFEE'] }).map((h) => h.entry.name),
      ['Beans', 'Brew'],
    );
    assert.deepEqual(
      searchNetwork(entries, { industries: ['retail'] }).map((h) => h.entry.name),
      ['Books'],
    );
    assert.deepEqual(
      searchNetwork(entries, { tapCode: 'T1' }).map((h) => h.entry.name),
      ['Beans'],
    );
    assert.deepEqual(
      searchNetwork(entries, { name: 'br', townCities: ['nicosia'], countries: ['CYP'] }).map((h) => h.entry.name),
      ['Brew'],
    );
    assert.deepEqual(searchNetwork(entries, { countries: ['GRC'] }), []);
  });

  it('finds descendants through merchants, and the towns once each', () => {
    const entries: NetworkEntry[] = [
      { id: 'biz', parentId: null, type: 'BUSINESS', name: 'Biz', createdAt: at, profile: null },
      { id: 'm1', parentId: 'biz', type: 'MERCHANT', name: 'M1', createdAt: at, profile: null },
      venue('v1', 'V1', 35, 33),
      venue('v2', 'V2', 35, 33, {}, 'biz'),
    ];
    assert.deepEqual(
      descendantsOf(entries, 'biz')
        .map((e) => e.id)
        .sort(),
      ['m1', 'v1', 'v2'],
    );
    assert.deepEqual(
      descendantsOf(entries, 'm1').map((e) => e.id),
      ['v1'],
    );
    assert.deepEqual(townsOf(entries), ['Nicosia']);
  });

  it('orders 500 generated venues exactly as a brute-force distance computation does, for many points and distances', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const entries = Array.from({ length: 500 }, (_, i) =>
      i % 10 === 9 ? venue(`v${i}`, `V${i}`, null, null) : venue(`v${i}`, `V${i}`, 34.5 + next() * 1.2, 32.2 + next() * 2.2),
    );
    // the brute force: the spherical law of cosines over every venue, written apart from the haversine
    const brute = (lat: number, lon: number, e: NetworkEntry) => {
      const a = e.profile!.addresses[0]!;
      const r = Math.PI / 180;
      const c = Math.sin(lat * r) * Math.sin(a.lat! * r) + Math.cos(lat * r) * Math.cos(a.lat! * r) * Math.cos((a.lon! - lon) * r);
      return 6371.0088 * Math.acos(Math.min(1, Math.max(-1, c)));
    };
    for (let probe = 0; probe < 20; probe++) {
      const lat = 34.5 + next() * 1.2;
      const lon = 32.2 + next() * 2.2;
      const within = probe % 4 === 0 ? null : 5 + next() * 80;
      const expected = entries
        .filter((e) => e.profile!.addresses[0]!.lat !== null)
        .map((e) => ({ id: e.id, km: brute(lat, lon, e) }))
        .filter((e) => within === null || e.km <= within)
        .sort((a, b) => a.km - b.km);
      const hits = searchNetwork(entries, { near: { lat, lon, withinKm: within } });
      assert.equal(hits.length, expected.length, `probe ${probe}`);
      hits.forEach((h, i) => {
        assert.ok(Math.abs(h.nearest!.km - expected[i]!.km) < 1e-6, `probe ${probe} position ${i}: ${h.nearest!.km} vs ${expected[i]!.km}`);
        if (i > 0) assert.ok(hits[i - 1]!.nearest!.km <= h.nearest!.km);
      });
      assert.deepEqual(
        hits.map((h) => h.entry.id),
        expected.map((e) => e.id),
        `probe ${probe}`,
      );
    }
  });
});
