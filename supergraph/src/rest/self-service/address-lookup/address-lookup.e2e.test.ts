import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const CONTACT = { 'x-dev-principal': 'contact:00000000-0000-4000-8000-00000000c0de' };
const SESSION = '6f1c1f8e-3b7a-4c56-9d2e-0b5a1c2d3e4f';
const KEY = 'test-places-key';

/**
 * The address lookup through a stand-in for Google Places (ADDRESS_LOOKUP_BASE_URL): suggestions
 * and place details in the contract's shapes, the key and the session sent upstream, the country
 * turned into ISO alpha-3; an upstream failure is a 503; bad input a 400 naming the parameter.
 */
describe('address lookup through Google Places (a stand-in)', () => {
  let p: TestPlatform;
  let places: Server;
  const seen: URL[] = [];
  let failNext = false;
  const validate = loadSelfServiceResponseValidator();
  const ok = (r: HttpResult, template: string) => {
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(validate('GET', template, 200, r.body), [], r.text);
    return r.body as any;
  };

  before(async () => {
    places = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://places');
      seen.push(url);
      res.setHeader('content-type', 'application/json');
      if (failNext) {
        failNext = false;
        res.statusCode = 500;
        return res.end('{}');
      }
      if (url.searchParams.get('key') !== KEY) return res.end(JSON.stringify({ status: 'REQUEST_DENIED' }));
      if (url.pathname === '/maps/api/place/autocomplete/json') {
        return res.end(JSON.stringify({ status: 'OK', predictions: [{ description: 'Ledras 1, Nicosia, Cyprus', place_id: 'place-1' }] }));
      }
      if (url.pathname === '/maps/api/place/details/json') {
        return res.end(
          JSON.stringify({
            status: 'OK',
            result: {
              formatted_address: 'Ledras 1, Nicosia 1011, Cyprus',
              geometry: { location: { lat: 35.1725, lng: 33.3614 } },
              address_components: [
                { long_name: '1', short_name: '1', types: ['street_number'] },
                { long_name: 'Ledras', short_name: 'Ledras', types: ['route'] },
                { long_name: 'Nicosia', short_name: 'Nicosia', types: ['locality'] },
                { long_name: 'Cyprus', short_name: 'CY', types: ['country'] },
                { long_name: '1011', short_name: '1011', types: ['postal_code'] },
              ],
            },
          }),
        );
      }
      if (url.pathname === '/maps/api/geocode/json') return res.end(JSON.stringify({ status: 'ZERO_RESULTS', results: [] }));
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => places.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(places.address() as AddressInfo).port}`;
    p = await startTestPlatform('address-lookup-e2e', { ADDRESS_LOOKUP_API_KEY: KEY, ADDRESS_LOOKUP_BASE_URL: base });
  });
  after(async () => {
    await p?.stop();
    await new Promise((resolve) => places?.close(resolve));
  });

  it('suggests addresses (countries as alpha-2 components, the session sent along) and resolves a place into its parts', async () => {
    const list = ok(
      await p.http('GET', `${SS}/addresses?input=Ledra&session_id=${SESSION}&countries=CYP,GRC`, undefined, CONTACT),
      '/self-service/v2/addresses',
    );
    assert.deepEqual(list.content, [{ address_description: 'Ledras 1, Nicosia, Cyprus', google_place_id: 'place-1' }]);
    const call = seen.at(-1)!;
    assert.equal(call.searchParams.get('sessiontoken'), SESSION);
    assert.equal(call.searchParams.get('components'), 'country:cy|country:gr');
    const address = ok(
      await p.http('GET', `${SS}/get_addresses?google_place_id=place-1&session_id=${SESSION}`, undefined, CONTACT),
      '/self-service/v2/get_addresses',
    );
    assert.deepEqual(address, {
      address: 'Ledras 1, Nicosia 1011, Cyprus',
      address_line_1: 'Ledras 1',
      town_city: 'Nicosia',
      postal_code: '1011',
      country_code: 'CYP',
      lat: 35.1725,
      lon: 33.3614,
      google_place_id: 'place-1',
    });
    // a point with no address is 404; the secret key may look up too
    const none = await p.http('GET', `${SS}/get_addresses?latlng=0,0&session_id=${SESSION}`, undefined, {
      'x-dev-principal': 'service:settings.read',
    });
    assert.equal(none.status, 404, none.text);
  });

  it('refuses bad input naming the parameter, and answers 503 when Places fails', async () => {
    const bad = async (path: string, field: string) => {
      const r = await p.http('GET', path, undefined, CONTACT);
      assert.equal(r.status, 400, r.text);
      assert.equal((r.body as { field: string }).field, field, r.text);
    };
    await bad(`${SS}/addresses?input=Ledra`, 'session_id');
    await bad(`${SS}/addresses?input=Ledra&session_id=not-a-uuid`, 'session_id');
    await bad(`${SS}/addresses?session_id=${SESSION}`, 'input');
    await bad(`${SS}/addresses?input=x&session_id=${SESSION}&countries=XX`, 'countries');
    await bad(`${SS}/get_addresses?session_id=${SESSION}`, 'google_place_id');
    await bad(`${SS}/get_addresses?latlng=north&session_id=${SESSION}`, 'latlng');
    failNext = true;
    const down = await p.http('GET', `${SS}/addresses?input=Ledra&session_id=${SESSION}`, undefined, CONTACT);
    assert.equal(down.status, 503, down.text);
    assert.doesNotMatch(down.text, new RegExp(KEY));
    const anonymous = await p.http('GET', `${SS}/addresses?input=Ledra&session_id=${SESSION}`, undefined, { 'x-dev-principal': 'anonymous' });
    assert.equal(anonymous.status, 401, anonymous.text);
  });
});
