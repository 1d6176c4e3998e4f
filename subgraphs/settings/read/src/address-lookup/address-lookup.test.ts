import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressOfPlace, unconfiguredAddressLookup } from './address-lookup';

describe('address lookup', () => {
  it('turns a Google place into the address parts, the country as ISO alpha-3', () => {
    const address = addressOfPlace({
      formatted_address: 'Ledras 1, Nicosia 1011, Cyprus',
      place_id: 'p1',
      geometry: { location: { lat: 35.17, lng: 33.36 } },
      address_components: [
        { long_name: '1', short_name: '1', types: ['street_number'] },
        { long_name: 'Ledras', short_name: 'Ledras', types: ['route'] },
        { long_name: 'Nicosia', short_name: 'Nicosia', types: ['locality', 'political'] },
        { long_name: 'Nicosia District', short_name: 'Nicosia District', types: ['administrative_area_level_1'] },
        { long_name: 'Cyprus', short_name: 'CY', types: ['country', 'political'] },
        { long_name: '1011', short_name: '1011', types: ['postal_code'] },
      ],
    });
    assert.deepEqual(address, {
      address: 'Ledras 1, Nicosia 1011, Cyprus',
      addressLine1: 'Ledras 1',
      addressLine2: null,
      townCity: 'Nicosia',
      postalCode: '1011',
      stateProvinceCounty: 'Nicosia District',
      countryCode: 'CYP',
      lat: 35.17,
      lon: 33.36,
      placeId: 'p1',
    });
  });

  it('without a key every lookup is a 400 ADDRESS_LOOKUP_NOT_CONFIGURED', async () => {
    await assert.rejects(unconfiguredAddressLookup.suggest({ text: 'x', sessionId: 's', countries: [] }), {
      code: 'VALIDATION',
      reason: 'ADDRESS_LOOKUP_NOT_CONFIGURED',
    });
  });
});
