import type { OrganisationProfile } from '@crm/event-bus/contracts/identity';

/** An organisation of the tenant with its business-network profile (null: none set yet). */
export interface NetworkEntry {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  createdAt: Date;
  profile: OrganisationProfile | null;
}

export type NetworkAddress = OrganisationProfile['addresses'][number];

export interface Point {
  lat: number;
  lon: number;
}

/** What a network search keeps: every list is any-of (case-insensitive), lists combine with and. */
export interface NetworkFilter {
  types?: readonly string[] | undefined;
  tags?: readonly string[] | undefined;
  industries?: readonly string[] | undefined;
  industrySectors?: readonly string[] | undefined;
  businessActivities?: readonly string[] | undefined;
  townCities?: readonly string[] | undefined;
  countries?: readonly string[] | undefined;
  tapCode?: string | undefined;
  /** Part of the name, any case. */
  name?: string | undefined;
  /** Only organisations with an address within `withinKm` of the point (any distance when null), nearest first. */
  near?: (Point & { withinKm: number | null }) | undefined;
}

export interface NetworkHit {
  entry: NetworkEntry;
  /** The organisation's located address nearest the point, with its distance (null without a point). */
  nearest: { address: NetworkAddress; km: number } | null;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The located address of an organisation nearest the point; null when it has none. */
export function nearestAddress(entry: NetworkEntry, point: Point): { address: NetworkAddress; km: number } | null {
  let best: { address: NetworkAddress; km: number } | null = null;
  for (const address of entry.profile?.addresses ?? []) {
    if (address.lat === null || address.lon === null) continue;
    const km = distanceKm(point, { lat: address.lat, lon: address.lon });
    if (!best || km < best.km) best = { address, km };
  }
  return best;
}

/** The organisations under `rootId` (children, their children, …), not the root itself. */
export function descendantsOf(entries: readonly NetworkEntry[], rootId: string): NetworkEntry[] {
  const children = new Map<string, NetworkEntry[]>();
  for (const e of entries) if (e.parentId) children.set(e.parentId, [...(children.get(e.parentId) ?? []), e]);
  const out: NetworkEntry[] = [];
  const queue = [...(children.get(rootId) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(children.get(next.id) ?? []));
  }
  return out;
}

const lower = (list: readonly string[] | undefined) => list?.map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
const anyOf = (wanted: string[] | undefined, have: readonly (string | null)[]) =>
  !wanted || wanted.length === 0 || have.some((h) => h !== null && wanted.includes(h.toLowerCase()));

/**
 * The organisations of `entries` that match the filter (pure): with a point, only those with a
 * located address within the distance, nearest first (ties by name, then id); without, by name.
 */
export function searchNetwork(entries: readonly NetworkEntry[], filter: NetworkFilter): NetworkHit[] {
  const types = filter.types?.map((t) => t.toUpperCase());
  const tags = lower(filter.tags);
  const industries = lower(filter.industries);
  const sectors = lower(filter.industrySectors);
  const activities = lower(filter.businessActivities);
  const towns = lower(filter.townCities);
  const countries = filter.countries?.map((c) => c.toUpperCase());
  const name = filter.name?.trim().toLowerCase();
  const hits: NetworkHit[] = [];
  for (const entry of entries) {
    const p = entry.profile;
    if (types && types.length > 0 && !types.includes(entry.type)) continue;
    if (name && !entry.name.toLowerCase().includes(name)) continue;
    if (!anyOf(tags, p?.tags ?? [])) continue;
    if (!anyOf(industries, [p?.industry ?? null])) continue;
    if (!anyOf(sectors, p?.industrySectors ?? [])) continue;
    if (!anyOf(activities, p?.businessActivities ?? [])) continue;
    if (
      !anyOf(
        towns,
        (p?.addresses ?? []).map((a) => a.townCity),
      )
    )
      continue;
    if (countries && countries.length > 0 && !(p?.addresses ?? []).some((a) => countries.includes(a.countryCode))) continue;
    if (filter.tapCode !== undefined && p?.tapCode !== filter.tapCode) continue;
    let nearest: NetworkHit['nearest'] = null;
    if (filter.near) {
      nearest = nearestAddress(entry, filter.near);
      if (!nearest || (filter.near.withinKm !== null && nearest.km > filter.near.withinKm)) continue;
    }
    hits.push({ entry, nearest });
  }
  const byName = (a: NetworkHit, b: NetworkHit) => a.entry.name.localeCompare(b.entry.name) || a.entry.id.localeCompare(b.entry.id);
  return hits.sort(filter.near ? (a, b) => a.nearest!.km - b.nearest!.km || byName(a, b) : byName);
}

/** The towns of the network's addresses, once each (any case; the first spelling kept), by name. */
export function townsOf(entries: readonly NetworkEntry[]): string[] {
  const towns = new Map<string, string>();
  for (const e of entries)
    for (const a of e.profile?.addresses ?? []) if (!towns.has(a.townCity.toLowerCase())) towns.set(a.townCity.toLowerCase(), a.townCity);
  return [...towns.values()].sort((a, b) => a.localeCompare(b));
}
