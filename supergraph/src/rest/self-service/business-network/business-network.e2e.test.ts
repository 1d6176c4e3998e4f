import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { eventually } from '../../../testing/eventually';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const CONTACT = '00000000-0000-4000-8000-00000000c0de';
/**
 * Venues created through the Back-Office (each a REST call serialised on the tenant's lock, so the
 * file stays well under its time limit on a loaded machine; the pure search is checked against the
 * brute force on 500 venues in subgraphs/identity/read/src/queries/network-search.test.ts).
 */
const VENUES = 200;
/** Creates in flight at once. */
const PARALLEL = 10;
const TOWNS = ['Nicosia', 'Limassol', 'Larnaca', 'Paphos', 'Famagusta'];

/** A deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The brute force the answers are checked against: the spherical law of cosines, written apart from the service's haversine. */
function bruteKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const c = Math.sin(lat1 * r) * Math.sin(lat2 * r) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return 6371.0088 * Math.acos(Math.min(1, Math.max(-1, c)));
}

interface Venue {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  town: string;
  tag: string;
}

/**
 * The business network end to end: the Back-Office adds a merchant and 200 venues with their
 * profiles; contacts read an organisation, its network and the locations nearest first (the order
 * and distances checked against a brute-force computation over all of them), filtered, paged, as the
 * Self-Service contract shapes them; bad input is a 400 naming the parameter; another tenant sees
 * nothing.
 */
describe('business network: organisations, network and locations nearest first (200 venues)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  let tenant: string;
  let merchant: string;
  const venues: Venue[] = [];
  const as = (principal: string) => ({ 'x-dev-tenant': tenant, 'x-dev-principal': principal });
  const owner = () => as('user');
  const contact = () => as(`contact:${CONTACT}`);
  const ok = (r: HttpResult, method: string, template: string) => {
    assert.equal(r.status, 200, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.body), [], `${method} ${template} → ${r.text.slice(0, 500)}`);
    return r.body as any;
  };
  const refused = (r: HttpResult, status: number, field?: string) => {
    assert.equal(r.status, status, r.text);
    if (field) assert.equal((r.body as { field?: string }).field, field, r.text);
  };

  before(async () => {
    p = await startTestPlatform('business-network-e2e');
    tenant = (
      await p.identityWrite.createTenant({
        name: 'Beans',
        ownerEmail: 'owner@beans.example',
        ownerPassword: 'Correct-Horse-Battery-9',
        applicationName: 'Beans',
      })
    ).tenantId;
    const m = await p.http(
      'POST',
      `${BO}/organisations`,
      {
        parent_id: tenant,
        type: 'MERCHANT',
        name: 'Beans Cyprus',
        description: 'Coffee everywhere',
        industry: 'Food and drink',
        tags: ['Coffee'],
        contact_info: [{ type: 'EMAIL', name: 'Head office', value: 'hello@beans.example' }],
        addresses: [{ address_line_1: '1 Makarios Ave', town_city: 'Nicosia', postal_code: '1065', country_code: 'CYP', lat: 35.1676, lon: 33.3736 }],
        opening_hours: [{ day_of_week: 'MONDAY', open: '08:00', close: '18:00', operation: 'PICK_UP' }],
      },
      owner(),
    );
    assert.equal(m.status, 201, m.text);
    merchant = (m.body as { id: string }).id;
    const next = random(16);
    const specs = Array.from({ length: VENUES }, (_, i) => {
      const located = i % 10 !== 9; // every tenth venue has no coordinates
      const town = TOWNS[i % TOWNS.length]!;
      return {
        name: `Venue ${String(i).padStart(3, '0')}`,
        lat: located ? 34.6 + next() * 1.0 : null,
        lon: located ? 32.3 + next() * 1.9 : null,
        town,
        tag: i % 2 === 0 ? 'Coffee' : 'Tea',
        tap: `TAP-${i}`,
      };
    });
    // a few creates at a time: each takes the tenant's lock in turn, the HTTP round trips overlap
    for (let i = 0; i < specs.length; i += PARALLEL) {
      const batch = specs.slice(i, i + PARALLEL);
      const created = await Promise.all(
        batch.map((s) =>
          p.http(
            'POST',
            `${BO}/organisations`,
            {
              parent_id: merchant,
              type: 'VENUE',
              name: s.name,
              tags: [s.tag],
              tap_code: s.tap,
              addresses: [{ address_line_1: 'Main St', town_city: s.town, postal_code: '1000', country_code: 'CYP', lat: s.lat, lon: s.lon }],
            },
            owner(),
          ),
        ),
      );
      created.forEach((r, k) => {
        assert.equal(r.status, 201, r.text);
        const s = batch[k]!;
        venues.push({ id: (r.body as { id: string }).id, name: s.name, lat: s.lat, lon: s.lon, town: s.town, tag: s.tag });
      });
    }
    await eventually('the network projected', async () => {
      const r = await p.http('GET', `${SS}/organisations/${merchant}/network?size=1&include_total=true`, undefined, contact());
      return r.status === 200 && (r.body as { paging: { total: number } }).paging.total === VENUES;
    });
  });
  after(async () => {
    await p?.stop();
  });

  /** Every page of a list, concatenated. */
  async function allPages(path: string): Promise<any[]> {
    const out: any[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const body = ok(
        await p.http('GET', `${path}${sep}size=100&page=${page}`, undefined, contact()),
        'GET',
        path.split('?')[0]!.replace(merchant, '{id}'),
      );
      out.push(...body.content);
      if (!body.paging.has_more) return out;
    }
  }

  it('lists the network nearest first within a distance, exactly as a brute-force computation over the 200 venues orders them', async () => {
    const [lat, lon, km] = [34.9, 33.2, 60];
    const got = await allPages(`${SS}/organisations/${merchant}/network?lat=${lat}&lon=${lon}&distance=${km}`);
    const expected = venues
      .filter((v) => v.lat !== null)
      .map((v) => ({ ...v, km: bruteKm(lat, lon, v.lat!, v.lon!) }))
      .filter((v) => v.km <= km)
      .sort((a, b) => a.km - b.km);
    assert.ok(expected.length > 20 && expected.length < 180, `a meaningful share is within ${km} km: ${expected.length}`);
    // ties (equal distances) do not occur with random coordinates; near-ties within rounding may swap, so compare distances too
    assert.equal(got.length, expected.length);
    got.forEach((item, i) => {
      const e = expected[i]!;
      if (item.id !== e.id)
        assert.ok(
          Math.abs(bruteKm(lat, lon, item.addresses[0].lat, item.addresses[0].lon) - e.km) < 1e-6,
          `position ${i}: ${item.name} vs ${e.name}`,
        );
    });
  });

  it('lists locations nearest first with their distance (km), as the brute force measures them; within and paging', async () => {
    const [lat, lon] = [35.1, 33.4];
    const got = await allPages(`${SS}/locations?lat=${lat}&lon=${lon}&within=25&include_tags=true&include_opening_hours=true`);
    const expected = [{ id: merchant, lat: 35.1676, lon: 33.3736 }, ...venues.filter((v) => v.lat !== null)]
      .map((v) => ({ id: v.id, km: bruteKm(lat, lon, v.lat!, v.lon!) }))
      .filter((v) => v.km <= 25)
      .sort((a, b) => a.km - b.km);
    assert.deepEqual(
      got.map((l) => l.id),
      expected.map((e) => e.id),
    );
    got.forEach((l, i) => assert.ok(Math.abs(l.address.distance - expected[i]!.km) < 0.001, `${l.address.distance} vs ${expected[i]!.km}`));
    assert.ok(got.some((l) => l.id === merchant && l.opening_hours.length === 1 && l.tags[0].name === 'Coffee'));
    const first = ok(
      await p.http('GET', `${SS}/locations?lat=${lat}&lon=${lon}&size=3&include_total=true`, undefined, contact()),
      'GET',
      '/self-service/v2/locations',
    );
    assert.equal(first.content.length, 3);
    assert.equal(first.paging.total, VENUES - VENUES / 10 + 1);
    assert.equal(first.paging.has_more, true);
  });

  it('filters the network by type, tags, towns, tap code and name (by name without a point)', async () => {
    const coffeeInLimassol = await allPages(`${SS}/organisations/${merchant}/network?tags=coffee&town_cities=Limassol&type=VENUE`);
    const expected = venues.filter((v) => v.tag === 'Coffee' && v.town === 'Limassol').map((v) => v.name);
    assert.deepEqual(
      coffeeInLimassol.map((o) => o.name),
      [...expected].sort(),
    );
    const tapped = ok(
      await p.http('GET', `${SS}/organisations/${merchant}/network?tap_code=TAP-7`, undefined, contact()),
      'GET',
      '/self-service/v2/organisations/{id}/network',
    );
    assert.deepEqual(
      tapped.content.map((o: { name: string }) => o.name),
      ['Venue 007'],
    );
    const named = ok(
      await p.http('GET', `${SS}/organisations/${tenant}/network?name=beans&type=MERCHANT`, undefined, contact()),
      'GET',
      '/self-service/v2/organisations/{id}/network',
    );
    assert.deepEqual(
      named.content.map((o: { id: string }) => o.id),
      [merchant],
    );
    // the business's network reaches the venues through the merchant
    const all = ok(
      await p.http('GET', `${SS}/organisations/${tenant}/network?include_total=true`, undefined, contact()),
      'GET',
      '/self-service/v2/organisations/{id}/network',
    );
    assert.equal(all.paging.total, VENUES + 1);
  });

  it('GET /organisations/{id} answers the profile; towns; another tenant and unknown ids are 404; bad parameters 400 naming them', async () => {
    const org = ok(await p.http('GET', `${SS}/organisations/${merchant}`, undefined, contact()), 'GET', '/self-service/v2/organisations/{id}');
    assert.equal(org.name, 'Beans Cyprus');
    assert.equal(org.industry_name, 'Food and drink');
    assert.deepEqual(org.tags, [{ name: 'Coffee' }]);
    assert.deepEqual(org.operation_details.opening_hours, [{ day_of_week: 'MONDAY', open: '08:00', close: '18:00', operation: 'PICK_UP' }]);
    assert.equal(org.addresses[0].is_primary, true);
    const towns = ok(await p.http('GET', `${SS}/locations/towns`, undefined, contact()), 'GET', '/self-service/v2/locations/towns');
    assert.deepEqual(towns.content, [...TOWNS].sort());
    refused(
      await p.http('GET', `${SS}/organisations/${merchant}`, undefined, {
        'x-dev-principal': `contact:${CONTACT}`,
        'x-dev-tenant': `${p.tenant}-other`,
      }),
      404,
    );
    refused(await p.http('GET', `${SS}/organisations/00000000-0000-4000-8000-000000000000`, undefined, contact()), 404);
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?lat=35`, undefined, contact()), 400, 'lon');
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?lat=north&lon=33`, undefined, contact()), 400, 'lat');
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?lat=95&lon=33`, undefined, contact()), 400, 'lat');
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?lat=35&lon=33&distance=-1`, undefined, contact()), 400, 'distance');
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?type=PLANET`, undefined, contact()), 400, 'type');
    refused(await p.http('GET', `${SS}/organisations/${merchant}/network?custom_fields=a`, undefined, contact()), 400, 'custom_fields');
    refused(await p.http('GET', `${SS}/locations?lon=33`, undefined, contact()), 400, 'lat');
    refused(await p.http('GET', `${SS}/locations?lat=35&lon=33&colour=red`, undefined, contact()), 400, 'colour');
    // a public key alone does not read the network
    refused(await p.http('GET', `${SS}/locations/towns`, undefined, as('anonymous')), 401);
  });

  it('the Back-Office replaces a profile, takes a venue out of the network, and refuses bad input naming the field', async () => {
    const v = venues[0]!;
    const put = await p.http('PUT', `${BO}/organisations/${v.id}`, { tags: ['Closed soon'], description: 'Moving' }, owner());
    assert.equal(put.status, 200, put.text);
    const profile = await p.http('GET', `${BO}/organisations/${v.id}/profile`, undefined, owner());
    assert.deepEqual((profile.body as { tags: unknown[] }).tags, [{ name: 'Closed soon' }]);
    assert.equal((await p.http('DELETE', `${BO}/organisations/${v.id}`, undefined, owner())).status, 204);
    await eventually('the closed venue gone', async () => (await p.http('GET', `${SS}/organisations/${v.id}`, undefined, contact())).status === 404);
    refused(await p.http('DELETE', `${BO}/organisations/${v.id}`, undefined, owner()), 404);
    const base = { parent_id: merchant, type: 'VENUE', name: 'Bad' };
    const address = { address_line_1: 'x', town_city: 'y', postal_code: '1', country_code: 'CYP' };
    refused(await p.http('POST', `${BO}/organisations`, { ...base, addresses: [{ ...address, lat: 95, lon: 33 }] }, owner()), 400, 'addresses.0.lat');
    refused(await p.http('POST', `${BO}/organisations`, { ...base, addresses: [{ ...address, lat: 35 }] }, owner()), 400, 'addresses.0.lon');
    refused(
      await p.http('POST', `${BO}/organisations`, { ...base, opening_hours: [{ day_of_week: 'MONDAY', open: '8am', close: '17:00' }] }, owner()),
      400,
      'opening_hours.0.open',
    );
    refused(await p.http('POST', `${BO}/organisations`, { ...base, type: 'BUSINESS' }, owner()), 400, 'type');
    refused(await p.http('POST', `${BO}/organisations`, { ...base, parent_id: '00000000-0000-4000-8000-000000000000' }, owner()), 404);
    refused(await p.http('PUT', `${BO}/organisations/00000000-0000-4000-8000-000000000000`, { tags: [] }, owner()), 404);
    // nothing was written by the refused creates
    const after = ok(
      await p.http('GET', `${SS}/organisations/${merchant}/network?name=bad`, undefined, contact()),
      'GET',
      '/self-service/v2/organisations/{id}/network',
    );
    assert.deepEqual(after.content, []);
    // contacts and read-only users do not write the network
    refused(await p.http('POST', `${BO}/organisations`, base, contact()), 403);
    refused(await p.http('PUT', `${BO}/organisations/${merchant}`, { tags: [] }, as('user:contacts.read')), 403);
  });
});
