import { graphql } from './http';
import { sleep } from './proc';

const CREATE_SEED = `mutation BenchSeed($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code message } } }`;
const COUNT_QUERY = `query BenchCount { contacts(first: 1, includeTotal: true) { totalCount } }`;

/**
 * Creates `count` small contacts through the gateway for a tenant (8 concurrent callers), then waits
 * until the gateway's `contacts(includeTotal: true)` reports all of them.
 */
export async function seedContacts(
  gatewayUrl: string,
  tenant: string,
  count: number,
  visibleWithinMs = 120_000,
): Promise<{ ms: number; visibleMs: number }> {
  const t0 = Date.now();
  let next = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const r = await graphql<{ createContact: { contact: { id: string } | null; errors: { message: string }[] } }>(
        `${gatewayUrl}/graphql`,
        CREATE_SEED,
        {
          input: {
            type: 'PERSON',
            firstName: ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'][i % 6],
            lastName: `B${i}`,
            email: `c${i}@x.io`,
            tags: [i % 3 === 0 ? 'vip' : 'lead'],
            phones: [{ type: 'MOBILE', countryCode: 'NLD', number: `6${String(1_000_000 + i * 7919).slice(0, 7)}` }],
          },
        },
        { 'x-dev-tenant': tenant },
      );
      if (r.status !== 200 || !r.data?.createContact?.contact) failures.push(`${r.status} ${r.raw.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failures.length) throw new Error(`seeding failed for ${failures.length} contacts, e.g. ${failures[0]}`);
  const ms = Date.now() - t0;
  const v0 = Date.now();
  let total = 0;
  while (Date.now() - v0 < visibleWithinMs) {
    const r = await graphql<{ contacts: { totalCount: number | null } }>(`${gatewayUrl}/graphql`, COUNT_QUERY, {}, { 'x-dev-tenant': tenant });
    total = r.data?.contacts?.totalCount ?? 0;
    if (total >= count) return { ms, visibleMs: Date.now() - v0 };
    await sleep(200);
  }
  throw new Error(
    `only ${total} of ${count} seeded contacts became visible in the read model within ${visibleWithinMs} ms (is contacts-read's projector behind or stopped?)`,
  );
}
