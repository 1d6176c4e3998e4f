import { ConfigError, type EnvSource } from '@crm/platform/config';
import { parseConfig as parseContactsWrite } from '@crm/contacts-write';
import { parseConfig as parseContactsRead } from '@crm/contacts-read';
import { parseConfig as parseIdentityWrite } from '@crm/identity-write';
import { parseConfig as parseIdentityRead } from '@crm/identity-read';
import { parseConfig as parseGateway } from '../gateway/env';

const SERVICES: ReadonlyArray<readonly [string, (source: EnvSource) => unknown]> = [
  ['contacts-write', parseContactsWrite],
  ['contacts-read', parseContactsRead],
  ['identity-write', parseIdentityWrite],
  ['identity-read', parseIdentityRead],
  ['gateway', parseGateway],
];

/**
 * Validates every service's configuration before `npm start` starts any of them, and throws one
 * ConfigError listing every problem once, with the services it concerns (rather than the first
 * service's problems only, after the others have started).
 */
export function checkPlatformConfig(env: EnvSource): void {
  const problems = new Map<string, string[]>();
  for (const [service, parse] of SERVICES) {
    try {
      parse(env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const problem of err.problems) problems.set(problem, [...(problems.get(problem) ?? []), service]);
    }
  }
  if (problems.size > 0)
    throw new ConfigError(
      'npm start',
      [...problems].map(([problem, services]) => `${problem} [${services.join(', ')}]`),
    );
}
