import { integer } from '../../kit/paging';

/** The contracts' posting-window filters (epoch seconds): `x`, `x[gt]`, `x[gte]`, `x[lt]`, `x[lte]`. */
export const POSTED_ON_PARAMS = ['posted_on[gt]', 'posted_on[gte]', 'posted_on[lt]', 'posted_on[lte]'] as const;
export const CREATED_ON_PARAMS = ['created_on[gt]', 'created_on[gte]', 'created_on[lt]', 'created_on[lte]'] as const;

const MAX_EPOCH = 253_402_300_799; // 9999-12-31

/**
 * The inclusive window [postedFrom, postedTo] (ISO instants, millisecond precision) the filters
 * name: `x` is that whole second, `gt` starts after it, `lte` ends with it. Bad values are 400 naming the parameter.
 */
export function postedWindow(params: Map<string, string>, name: string): { postedFrom: string | null; postedTo: string | null } {
  let from: number | null = null;
  let to: number | null = null;
  const at = (suffix: string) => {
    const key = `${name}${suffix}`;
    return params.has(key) ? integer(key, params.get(key)!, 0, MAX_EPOCH) * 1000 : null;
  };
  const narrowFrom = (ms: number | null) => (ms === null ? undefined : (from = from === null ? ms : Math.max(from, ms)));
  const narrowTo = (ms: number | null) => (ms === null ? undefined : (to = to === null ? ms : Math.min(to, ms)));
  const exact = at('');
  narrowFrom(exact);
  narrowTo(exact === null ? null : exact + 999);
  const gt = at('[gt]');
  narrowFrom(gt === null ? null : gt + 1000);
  narrowFrom(at('[gte]'));
  const lt = at('[lt]');
  narrowTo(lt === null ? null : lt - 1);
  const lte = at('[lte]');
  narrowTo(lte === null ? null : lte + 999);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { postedFrom: iso(from), postedTo: iso(to) };
}
