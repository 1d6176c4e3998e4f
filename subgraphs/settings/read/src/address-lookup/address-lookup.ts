import countries from 'i18n-iso-countries';
import { AppError } from '@crm/platform/errors';

/** One suggestion for what a contact typed. */
export interface AddressSuggestion {
  description: string;
  placeId: string;
}

/** A place resolved into the parts of an address (country as ISO 3166-1 alpha-3). */
export interface AddressDetails {
  address: string;
  addressLine1: string | null;
  addressLine2: string | null;
  townCity: string | null;
  postalCode: string | null;
  stateProvinceCounty: string | null;
  countryCode: string | null;
  lat: number | null;
  lon: number | null;
  placeId: string | null;
}

/** The address lookup port (the contact's address form); the adapter is Google Places. */
export interface AddressLookup {
  suggest(input: { text: string; sessionId: string; countries: string[] }): Promise<AddressSuggestion[]>;
  details(input: { placeId: string | null; latlng: { lat: number; lon: number } | null; sessionId: string }): Promise<AddressDetails | null>;
}

/** Without a configured key every lookup is a clear 400. */
export const unconfiguredAddressLookup: AddressLookup = {
  suggest: () => Promise.reject(notConfigured()),
  details: () => Promise.reject(notConfigured()),
};

function notConfigured(): AppError {
  return new AppError('VALIDATION', 'ADDRESS_LOOKUP_NOT_CONFIGURED: the address lookup is not configured on this platform (ADDRESS_LOOKUP_API_KEY)', {
    reason: 'ADDRESS_LOOKUP_NOT_CONFIGURED',
  });
}

interface GoogleComponent {
  long_name: string;
  short_name: string;
  types: string[];
}
interface GooglePlace {
  formatted_address?: string;
  place_id?: string;
  geometry?: { location?: { lat: number; lng: number } };
  address_components?: GoogleComponent[];
}

/** The parts of a Google place as a CRM.COM address (pure). */
export function addressOfPlace(place: GooglePlace): AddressDetails {
  const parts = place.address_components ?? [];
  const part = (type: string, short = false) => {
    const c = parts.find((p) => p.types.includes(type));
    return c ? (short ? c.short_name : c.long_name) : null;
  };
  const street = [part('route'), part('street_number')].filter(Boolean).join(' ') || null;
  const alpha2 = part('country', true);
  return {
    address: place.formatted_address ?? '',
    addressLine1: street,
    addressLine2: part('sublocality') ?? part('neighborhood'),
    townCity: part('locality') ?? part('postal_town') ?? part('administrative_area_level_2'),
    postalCode: part('postal_code'),
    stateProvinceCounty: part('administrative_area_level_1'),
    countryCode: alpha2 ? (countries.alpha2ToAlpha3(alpha2) ?? null) : null,
    lat: place.geometry?.location?.lat ?? null,
    lon: place.geometry?.location?.lng ?? null,
    placeId: place.place_id ?? null,
  };
}

/**
 * Google Places (Autocomplete, Place Details, reverse Geocoding) behind the port: the base URL is
 * configuration (never taken from a request), the key goes as a query parameter as Google wants,
 * and whatever goes wrong upstream is a 503 without Google's message.
 */
export class GooglePlacesAddressLookup implements AddressLookup {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async call(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries({ ...params, key: this.apiKey })) url.searchParams.set(k, v);
    let body: Record<string, unknown>;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
      if (!res.ok) throw new Error(`status ${res.status}`);
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      throw new AppError('UNAVAILABLE', 'the address lookup service is not answering; retry later', { reason: 'ADDRESS_LOOKUP_UNAVAILABLE' });
    }
    const status = body['status'];
    if (status !== 'OK' && status !== 'ZERO_RESULTS' && status !== 'NOT_FOUND') {
      throw new AppError('UNAVAILABLE', 'the address lookup service refused the request', { reason: 'ADDRESS_LOOKUP_UNAVAILABLE' });
    }
    return body;
  }

  async suggest({ text, sessionId, countries: wanted }: { text: string; sessionId: string; countries: string[] }): Promise<AddressSuggestion[]> {
    const components = wanted.map((c) => `country:${(countries.alpha3ToAlpha2(c) ?? c).toLowerCase()}`).join('|');
    const body = await this.call('/maps/api/place/autocomplete/json', {
      input: text,
      sessiontoken: sessionId,
      ...(components ? { components } : {}),
    });
    const predictions = (body['predictions'] as { description?: string; place_id?: string }[] | undefined) ?? [];
    return predictions.filter((p) => p.description && p.place_id).map((p) => ({ description: p.description!, placeId: p.place_id! }));
  }

  async details({ placeId, latlng, sessionId }: { placeId: string | null; latlng: { lat: number; lon: number } | null; sessionId: string }) {
    if (placeId) {
      const body = await this.call('/maps/api/place/details/json', {
        place_id: placeId,
        sessiontoken: sessionId,
        fields: 'address_component,formatted_address,geometry,place_id',
      });
      const result = body['result'] as GooglePlace | undefined;
      return result ? addressOfPlace({ place_id: placeId, ...result }) : null;
    }
    const body = await this.call('/maps/api/geocode/json', { latlng: `${latlng!.lat},${latlng!.lon}` });
    const first = (body['results'] as GooglePlace[] | undefined)?.[0];
    return first ? addressOfPlace(first) : null;
  }
}
