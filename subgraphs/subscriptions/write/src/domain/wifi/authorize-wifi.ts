import { AppError } from '@crm/platform/errors';
import type { WifiAuthorizationRequestedV1, WifiEvent } from '@crm/event-bus/contracts/subscriptions';

/** A contact's WiFi authorisation, as sent to the WiFi platform. */
export interface WifiAuthorizationState extends Readonly<WifiAuthorizationRequestedV1['data']> {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type WifiChange = WifiEvent extends infer E ? (E extends WifiEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolveWifi(state: WifiAuthorizationState | null, e: WifiChange, meta: { version: number; at: Date }): WifiAuthorizationState {
  return { ...e.data, id: state?.id ?? '', version: meta.version, createdAt: meta.at, updatedAt: meta.at };
}

/** POST /contacts/{id}/wifi/authorize, with the contact's services in use looked up first. */
export interface AuthorizeWifi {
  contactId: string;
  macAddress: string;
  siteId: string;
  estimationId: string;
  servicesInUse: string[];
}

/** `01:23:45:67:89:ab`, `01-23-45-67-89-AB` or `0123456789ab` → `01-23-45-67-89-AB`; null when it is not a MAC address. */
export function normaliseMac(raw: string): string | null {
  const hex = raw.trim().replace(/[-:.]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) return null;
  return hex.match(/.{2}/g)!.join('-');
}

const text = (field: string, value: string): string => {
  const v = value.trim();
  if (v.length === 0) throw AppError.validation(field, 'must not be empty', 'REQUIRED');
  if (v.length > 64) throw AppError.validation(field, 'must be at most 64 characters', 'INVALID_LENGTH');
  return v;
};

/**
 * Authorises a contact's device on a WiFi site (pure): a MAC address, a site and the usage
 * estimation it consumes against; the contact must have a service in use (EFFECTIVE), since the
 * authorisation is for usage allowance consumption.
 */
export function authorizeWifi(state: WifiAuthorizationState | null, cmd: AuthorizeWifi): WifiChange[] {
  if (state) throw new AppError('CONFLICT', 'the authorisation was already sent', { reason: 'VERSION_CONFLICT' });
  const macAddress = normaliseMac(cmd.macAddress);
  if (!macAddress) throw AppError.validation('mac_address', 'must be a MAC address (six hex pairs, e.g. 01-23-45-67-89-AB)', 'INVALID_VALUE');
  const siteId = text('site_id', cmd.siteId);
  const estimationId = text('estimation_id', cmd.estimationId);
  if (cmd.servicesInUse.length === 0)
    throw new AppError('CONFLICT', 'the contact has no service in use (EFFECTIVE) to consume usage allowance on', {
      reason: 'CONTACT_HAS_NO_SERVICE_IN_USE',
    });
  return [
    {
      type: 'wifi.authorization_requested',
      data: { contactId: cmd.contactId, macAddress, siteId, estimationId, serviceIds: cmd.servicesInUse.slice(0, 100) },
    },
  ];
}
