import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { descendantsOf, distanceKm, searchNetwork, townsOf, type NetworkEntry } from './network-search';

const at = new Date('2024-01-01T00:00:00Z');
function venue(id: string, name: string, lat: number | null, lon: number | null, extra: Partial<NonNullable<NetworkEntry['profile']>> = {}, parentId = 'm1'): NetworkEntry {
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
    const entries = [venue('a', 'Far', 36, 34), venue('b', 'Near', 35.01, 33.01), venue('c', 'Nowhere', null, null), venue('d', 'Middle', 35.1, 33.1)];
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
    assert.deepEqual(descendantsOf(entries, 'biz').map((e) => e.id).sort(), ['m1', 'v1', 'v2']);
    assert.deepEqual(descendantsOf(entries, 'm1').map((e) => e.id), ['v1']);
    assert.deepEqual(townsOf(entries), ['Nicosia']);
  });
});
