import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/**
 * Cross-tenant and cross-contact matrix: every operation that takes an id, aimed at tenant A's
 * objects by tenant B's owner, tenant B's secret key, and another contact of tenant A; plus a
 * direct subgraph call. Nothing may leak (reads come back empty) and nothing may change (every
 * row version of tenant A stays as it was).
 */
describe('cross-tenant and cross-contact isolation', () => {
  let p: TestPlatform;
  let ids: Record<string, string>;
  const attackers = {} as Record<'tenantB_owner' | 'tenantB_secret' | 'other_contact', Record<string, string>>;
  let victimToken: string;
  let ownerAHeaders: Record<string, string>;

  async function signIn(publicKey: string, email: string, password: string): Promise<string> {
    const r = await p.graphql<Gql>(
      `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } } }`,
      { u: email, p: password },
      { api_key: publicKey },
    );
    return r.body.data?.['authenticateUser'].tokens.accessToken as string;
  }

  async function register(publicKey: string, email: string) {
    const r = await p.graphql<Gql>(
      `mutation($e: String!) { registerContact(input: { firstName: "C", lastName: "T", provider: EMAIL, email: $e, password: "Contact-Password-1" }) { contactId tokens { accessToken } consistencyToken } }`,
      { e: email },
      { api_key: publicKey },
    );
    return r.body.data?.['registerContact'] as { contactId: string; tokens: { accessToken: string }; consistencyToken: string };
  }

  /** Every row version of tenant A, to prove nothing changed. */
  async function snapshotA(tenantId: string): Promise<string> {
    const identity = await p.identityWrite.dataSource.query(
      `SELECT 'user' AS t, id::text, version, status AS s FROM users WHERE tenant_id = $1
       UNION ALL SELECT 'role', id::text, version, coalesce(deleted_at::text, '') FROM roles WHERE tenant_id = $1
       UNION ALL SELECT 'key', id::text, version, coalesce(revoked_at::text, '') || coalesce(expires_at::text, '') FROM api_keys WHERE tenant_id = $1
       UNION ALL SELECT 'org', id::text, version, name FROM organisations WHERE tenant_id = $1
       UNION ALL SELECT 'identity', id::text, version, coalesce(password_hash, '') FROM contact_identities WHERE tenant_id = $1
       UNION ALL SELECT 'session', id::text, 0, coalesce(revoked_at::text, '') FROM sessions WHERE tenant_id = $1
       UNION ALL SELECT 'team', id::text, version, name FROM teams WHERE tenant_id = $1
       ORDER BY 1, 2`,
      [tenantId],
    );
    const contacts = await p.contactsWrite.dataSource.query(`SELECT id::text, version, status FROM contacts WHERE tenant_id = $1 ORDER BY id`, [
      tenantId,
    ]);
    const ledgerWrite = p.services.get('ledger-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } };
    const ledger = await ledgerWrite.dataSource.query(
      `SELECT id::text, version, balance::text, blocked::text FROM ledger_accounts WHERE tenant_id = $1
       UNION ALL SELECT id::text, 0, remaining::text, '' FROM ledger_lots WHERE tenant_id = $1
       UNION ALL SELECT id::text, 0, state, '' FROM ledger_reservations WHERE tenant_id = $1 ORDER BY 1`,
      [tenantId],
    );
    const catalogueWrite = p.services.get('catalogue-write') as unknown as {
      dataSource: { query(sql: string, params: unknown[]): Promise<unknown> };
    };
    const catalogue = await catalogueWrite.dataSource.query(
      `SELECT aggregate_type, id::text, version FROM catalogue_aggregates WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );
    const subscriptionsWrite = p.services.get('subscriptions-write') as unknown as {
      dataSource: { query(sql: string, params: unknown[]): Promise<unknown> };
    };
    const subscriptions = await subscriptionsWrite.dataSource.query(
      `SELECT 'subscription' AS t, id::text, version, state FROM subscriptions WHERE tenant_id = $1
       UNION ALL SELECT 'action', id::text, attempts, state FROM subscription_actions WHERE tenant_id = $1 ORDER BY 1, 2`,
      [tenantId],
    );
    const engagementDb = (
      p.services.get('engagement-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } }
    ).dataSource;
    const engagement = await engagementDb.query(
      `SELECT 'queue' AS t, id::text, version FROM queues WHERE tenant_id = $1
       UNION ALL SELECT 'service_request', id::text, version FROM service_requests WHERE tenant_id = $1
       UNION ALL SELECT 'activity', id::text, version FROM activities WHERE tenant_id = $1 ORDER BY 1, 2`,
      [tenantId],
    );
    const integrations = (p.services.get('integrations-write') as unknown as { dataSource: typeof p.contactsWrite.dataSource }).dataSource;
    const webhooks = await integrations.query(
      `SELECT 'webhook' AS t, id::text, version, secrets::text AS s FROM webhook_endpoints WHERE tenant_id = $1
       UNION ALL SELECT 'delivery', id::text, attempts, state FROM webhook_deliveries WHERE tenant_id = $1 AND state <> 'PENDING'
       ORDER BY 1, 2`,
      [tenantId],
    );
    return JSON.stringify({ identity, contacts, ledger, catalogue, subscriptions, engagement, webhooks });
  }

  before(async () => {
    p = await startTestPlatform('cross-tenant');
    const a = await p.identityWrite.createTenant({
      name: 'A',
      ownerEmail: 'owner@a.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'A',
    });
    const b = await p.identityWrite.createTenant({
      name: 'B',
      ownerEmail: 'owner@b.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'B',
    });
    const ownerA = { authorization: `Bearer ${await signIn(a.publicApiKey, 'owner@a.example', 'Owner-Password-123')}` };
    ownerAHeaders = ownerA;
    attackers.tenantB_owner = { authorization: `Bearer ${await signIn(b.publicApiKey, 'owner@b.example', 'Owner-Password-123')}` };
    attackers.tenantB_secret = { api_key: b.secretApiKey };
    const victim = await register(a.publicApiKey, 'victim@a.example');
    const other = await register(a.publicApiKey, 'other@a.example');
    victimToken = victim.tokens.accessToken;
    attackers.other_contact = { authorization: `Bearer ${other.tokens.accessToken}` };
    // wait until the victim contact exists on the read side
    const seen = await p.graphql<Gql>(
      `query($id: ID!) { contact(id: $id) { id } }`,
      { id: victim.contactId },
      { ...ownerA, 'x-consistency-token': victim.consistencyToken },
    );
    assert.equal(seen.body.data?.['contact']?.id, victim.contactId, seen.text);
    const roles = (await p.identityWrite.dataSource.query(`SELECT id, name FROM roles WHERE tenant_id = $1`, [a.tenantId])) as {
      id: string;
      name: string;
    }[];
    const role = await p.graphql<Gql>(
      `mutation { createRole(input: { name: "auditor", permissions: ["contacts.read"] }) { role { id } errors { code } } }`,
      {},
      ownerA,
    );
    const user = await p.graphql<Gql>(
      `mutation($r: [ID!]!) { createUser(input: { email: "agent@a.example", password: "Agent-Password-123", firstName: "A", lastName: "G", roleIds: $r }) { user { id } errors { code } } }`,
      { r: [roles.find((r) => r.name === 'agent')!.id] },
      ownerA,
    );
    const [key] = (await p.identityWrite.dataSource.query(`SELECT id FROM api_keys WHERE tenant_id = $1 AND kind = 'secret'`, [a.tenantId])) as {
      id: string;
    }[];
    const team = await p.graphql<Gql>(`mutation { createTeam(input: { name: "Front desk" }) { team { id } errors { code } } }`, {}, ownerA);
    // the victim's wallet (opened by the ledger when the contact was created), funded by its business
    let wallet: { id: string; code: string } | null = null;
    for (let i = 0; i < 200 && !wallet; i++) {
      const w = await p.graphql<Gql>(`query($c: ID!) { walletOfContact(contactId: $c) { id code } }`, { c: victim.contactId }, ownerA);
      wallet = w.body.data?.['walletOfContact'] ?? null;
      if (!wallet) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(wallet, 'the victim has a wallet');
    const funded = await p.graphql<Gql>(
      `mutation($w: String!) { ledgerCredit(input: { account: { walletId: $w }, amount: "10.00", currency: "EUR" }, idempotencyKey: "fund-victim-1") { transaction { id } consistencyToken errors { code } } }`,
      { w: wallet.id },
      ownerA,
    );
    const fundedTx = funded.body.data?.['ledgerCredit'];
    assert.ok(fundedTx?.transaction?.id, funded.text);
    await p.graphql<Gql>(
      `query($w: String!) { wallet(id: $w) { id } }`,
      { w: wallet.id },
      { ...ownerA, 'x-consistency-token': fundedTx.consistencyToken },
    );
    const catalogueId = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await p.graphql<Gql>(query, variables, ownerA);
      const payload = Object.values(r.body.data ?? {})[0] as { id: string | null; consistencyToken: string } | undefined;
      assert.ok(payload?.id, r.text);
      return payload;
    };
    const brand = await catalogueId(`mutation { createProductGroup(kind: BRAND, input: { name: "Acme" }) { id consistencyToken } }`);
    const category = await catalogueId(`mutation { createProductGroup(kind: CATEGORY, input: { name: "Drinks" }) { id consistencyToken } }`);
    const bundle = await catalogueId(
      `mutation($c: ID!) { createProduct(input: { sku: "BOX", name: "Box", classification: NON_TRACEABLE_PHYSICAL_GOOD, composition: FIXED_BUNDLE, categoryIds: [$c] }) { id consistencyToken } }`,
      { c: category.id },
    );
    const price = await catalogueId(
      `mutation($p: ID!) { addProductPrice(productId: $p, input: { price: "5.00", currencyCode: "EUR" }) { id consistencyToken } }`,
      { p: bundle.id },
    );
    const orderCatalogue = await catalogueId(
      `mutation($c: ID!) { createOrderCatalogue(input: { name: "Menu", supplyMethods: [DELIVERY], categoryIds: [$c] }) { id consistencyToken } }`,
      { c: category.id },
    );
    // the catalogue reads below must find nothing because of tenancy, not because of lag
    for (const token of [brand.consistencyToken, price.consistencyToken, orderCatalogue.consistencyToken]) {
      const seen = await p.graphql<Gql>(`{ products { items { id } } }`, {}, { ...ownerA, 'x-consistency-token': token });
      assert.ok(seen.body.data?.['products'], seen.text);
    }
    // the victim's subscription: one service, one action scheduled at the proposed date
    const added = await p.graphql<Gql>(
      `mutation($c: ID!) { addContactServices(contactId: $c, input: { services: [{ productId: "prod-a" }] }) { subscriptionId serviceIds errors { code } } }`,
      { c: victim.contactId },
      ownerA,
    );
    const subscription = added.body.data?.['addContactServices'];
    const scheduled = await p.graphql<Gql>(
      `mutation($s: ID!) { changeService(id: $s, input: { action: "PAUSE", useProposedDate: true }) { actionId consistencyToken errors { code } } }`,
      { s: subscription?.serviceIds?.[0] },
      ownerA,
    );
    // engagement: a queue of tenant A, and the victim's service request with an attachment
    const queue = await p.graphql<Gql>(
      `mutation { createQueue(input: { name: "Support", stages: [{ name: "Open" }, { name: "Done", isClosing: true }] }) { id errors { code } } }`,
      {},
      ownerA,
    );
    const victimAuth = { authorization: `Bearer ${victim.tokens.accessToken}` };
    const raised = await p.graphql<Gql>(
      `mutation($c: ID!, $q: ID!) { raiseServiceRequest(input: { contactId: $c, queueId: $q, description: "Mine" }) { id errors { code } } }`,
      { c: victim.contactId, q: queue.body.data?.['createQueue'].id },
      victimAuth,
    );
    const attached = await p.graphql<Gql>(
      `mutation($id: ID!) { addServiceRequestAttachment(id: $id, input: { link: "https://files.example/a" }) { childId errors { code } } }`,
      { id: raised.body.data?.['raiseServiceRequest'].id },
      victimAuth,
    );
    const activity = await p.graphql<Gql>(
      `mutation($c: ID!) { createActivity(input: { name: "Call back", contactId: $c }) { id errors { code } } }`,
      { c: victim.contactId },
      ownerA,
    );
    // enabled: false, so no delivery runs in the background while the snapshots compare
    const webhook = await p.graphql<Gql>(
      `mutation { createWebhook(input: { url: "https://93.184.216.34/hooks", events: ["*"], enabled: false }) { id errors { code field message } } }`,
      {},
      ownerA,
    );
    ids = {
      wallet: wallet.id,
      walletCode: wallet.code,
      transaction: fundedTx.transaction.id,
      subscription: subscription?.subscriptionId,
      service: subscription?.serviceIds?.[0],
      subscriptionAction: scheduled.body.data?.['changeService']?.actionId,
      activity: activity.body.data?.['createActivity'].id,
      queue: queue.body.data?.['createQueue'].id,
      serviceRequest: raised.body.data?.['raiseServiceRequest'].id,
      attachment: attached.body.data?.['addServiceRequestAttachment'].childId,
      tenantId: a.tenantId,
      contact: victim.contactId,
      application: a.applicationId,
      role: role.body.data?.['createRole'].role.id,
      user: user.body.data?.['createUser'].user.id,
      key: key!.id,
      team: team.body.data?.['createTeam'].team.id,
      brand: brand.id!,
      category: category.id!,
      product: bundle.id!,
      price: price.id!,
      orderCatalogue: orderCatalogue.id!,
      webhook: webhook.body.data?.['createWebhook'].id,
    };
    assert.ok(ids['role'] && ids['user'] && ids['team'] && ids['webhook'], `${role.text} ${user.text} ${team.text} ${webhook.text}`);
    assert.ok(ids['subscription'] && ids['service'] && ids['subscriptionAction'], `${added.text} ${scheduled.text}`);
    // the subscription reads below must find nothing because of tenancy, not because of lag
    const seenSubscription = await p.graphql<Gql>(
      `query($id: ID!) { subscriptionAction(id: $id) { id } }`,
      { id: ids['subscriptionAction'] },
      { ...ownerA, 'x-consistency-token': scheduled.body.data?.['changeService']?.consistencyToken },
    );
    assert.equal(seenSubscription.body.data?.['subscriptionAction']?.id, ids['subscriptionAction'], seenSubscription.text);
    assert.ok(
      ids['queue'] && ids['serviceRequest'] && ids['attachment'] && ids['activity'],
      `${queue.text} ${raised.text} ${attached.text} ${activity.text}`,
    );
    // the directory reads below must find nothing because of tenancy, not because of lag
    for (let i = 0; i < 200; i++) {
      const seenTeam = await p.graphql<Gql>(
        `query($id: ID!, $u: ID!) { team(id: $id) { id } user(id: $u) { id } }`,
        { id: ids['team'], u: ids['user'] },
        ownerA,
      );
      const seenRequest = await p.graphql<Gql>(
        `query($id: ID!, $q: ID!, $a: ID!) { serviceRequest(id: $id) { attachments { id } } queue(id: $q) { id } activity(id: $a) { id } }`,
        { id: ids['serviceRequest'], q: ids['queue'], a: ids['activity'] },
        ownerA,
      );
      const projected =
        seenRequest.body.data?.['serviceRequest']?.attachments?.length === 1 &&
        seenRequest.body.data?.['queue'] &&
        seenRequest.body.data?.['activity'];
      if (seenTeam.body.data?.['team'] && seenTeam.body.data?.['user'] && projected) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await p?.stop();
  });

  /** A delivery id to aim at through tenant A's webhook (the endpoint is checked first). */
  const DELIVERY = '00000000-0000-4000-8000-0000000000d1';

  const OPERATIONS: {
    name: string;
    query: (ids: Record<string, string>) => [string, Record<string, unknown>];
    read?: string;
    /** Tenant-wide configuration every contact of the tenant may read (queues): aimed at by the other tenant only. */
    tenantWide?: true;
  }[] = [
    { name: 'contact', read: 'contact', query: (i) => [`query($id: ID!) { contact(id: $id) { id email } }`, { id: i['contact'] }] },
    { name: 'user', read: 'user', query: (i) => [`query($id: ID!) { user(id: $id) { id email } }`, { id: i['user'] }] },
    { name: 'team', read: 'team', query: (i) => [`query($id: ID!) { team(id: $id) { id name } }`, { id: i['team'] }] },
    { name: 'users by team', read: 'users', query: (i) => [`query($t: [ID!]) { users(teamIds: $t) { id } }`, { t: [i['team']] }] },
    {
      name: 'updateTeam',
      query: (i) => [`mutation($id: ID!) { updateTeam(id: $id, input: { name: "Pwned" }) { errors { code } } }`, { id: i['team'] }],
    },
    { name: 'deleteTeam', query: (i) => [`mutation($id: ID!) { deleteTeam(id: $id) { errors { code } } }`, { id: i['team'] }] },
    {
      name: 'updateUser teams',
      query: (i) => [`mutation($id: ID!, $t: [ID!]) { updateUser(id: $id, input: { teamIds: $t }) { errors { code } } }`, { id: i['user'], t: [] }],
    },
    {
      name: 'updateContact',
      query: (i) => [
        `mutation($id: ID!) { updateContact(id: $id, input: { lastName: "Pwned" }) { contact { id } errors { code } } }`,
        { id: i['contact'] },
      ],
    },
    {
      name: 'setContactTags',
      query: (i) => [`mutation($id: ID!) { setContactTags(id: $id, tags: ["pwned"]) { contact { id } errors { code } } }`, { id: i['contact'] }],
    },
    {
      name: 'addContactAddress',
      query: (i) => [
        `mutation($id: ID!) { addContactAddress(contactId: $id, input: { type: HOME, addressLine1: "x" }) { contact { id } errors { code } } }`,
        { id: i['contact'] },
      ],
    },
    { name: 'unregisterContact', query: (i) => [`mutation($id: ID!) { unregisterContact(id: $id) { id errors { code } } }`, { id: i['contact'] }] },
    {
      name: 'changeContactPassword',
      query: (i) => [
        `mutation($id: ID!) { changeContactPassword(contactId: $id, password: "Pwned-Password-99") { ok errors { code } } }`,
        { id: i['contact'] },
      ],
    },
    {
      name: 'addContactIdentity',
      query: (i) => [
        `mutation($id: ID!) { addContactIdentity(contactId: $id, input: { provider: EMAIL, email: "pwn@x.example" }) { ok errors { code } } }`,
        { id: i['contact'] },
      ],
    },
    {
      name: 'updateUser',
      query: (i) => [`mutation($id: ID!) { updateUser(id: $id, input: { lastName: "Pwned" }) { errors { code } } }`, { id: i['user'] }],
    },
    { name: 'disableUser', query: (i) => [`mutation($id: ID!) { disableUser(id: $id) { errors { code } } }`, { id: i['user'] }] },
    {
      name: 'updateRole',
      query: (i) => [`mutation($id: ID!) { updateRole(id: $id, input: { permissions: ["contacts.write"] }) { errors { code } } }`, { id: i['role'] }],
    },
    { name: 'deleteRole', query: (i) => [`mutation($id: ID!) { deleteRole(id: $id) { errors { code } } }`, { id: i['role'] }] },
    { name: 'revokeApiKey', query: (i) => [`mutation($id: ID!) { revokeApiKey(id: $id) { revoked errors { code } } }`, { id: i['key'] }] },
    {
      name: 'rotateApiKey',
      query: (i) => [
        `mutation($id: ID!, $at: DateTimeISO!) { rotateApiKey(id: $id, oldKeyExpiresAt: $at) { key errors { code } } }`,
        { id: i['key'], at: new Date(Date.now() + 60_000).toISOString() },
      ],
    },
    {
      name: 'createApiKey',
      query: (i) => [
        `mutation($app: ID!, $role: ID!) { createApiKey(input: { applicationId: $app, roleId: $role, name: "x" }) { key errors { code } } }`,
        { app: i['application'], role: i['role'] },
      ],
    },
    {
      name: 'createOrganisation',
      query: (i) => [
        `mutation($parent: ID!) { createOrganisation(input: { parentId: $parent, type: MERCHANT, name: "x" }) { errors { code } } }`,
        { parent: i['tenantId'] },
      ],
    },
    { name: 'wallet', read: 'wallet', query: (i) => [`query($id: String!) { wallet(id: $id) { id code } }`, { id: i['wallet'] }] },
    { name: 'wallet by code', read: 'wallet', query: (i) => [`query($id: String!) { wallet(id: $id) { id } }`, { id: i['walletCode'] }] },
    {
      name: 'walletOfContact',
      read: 'walletOfContact',
      query: (i) => [`query($c: ID!) { walletOfContact(contactId: $c) { id } }`, { c: i['contact'] }],
    },
    {
      name: 'ledgerAccounts',
      read: 'ledgerAccounts',
      query: (i) => [`query($c: ID!) { ledgerAccounts(contactId: $c) { id } }`, { c: i['contact'] }],
    },
    {
      name: 'ledgerJournals of the wallet',
      read: 'ledgerJournals',
      query: (i) => [`query($w: ID!) { ledgerJournals(filter: { walletId: $w }) { items { transactionId } } }`, { w: i['wallet'] }],
    },
    {
      name: 'ledgerTransfer out of the wallet',
      query: (i) => [
        `mutation($w: String!) { ledgerTransfer(input: { from: { walletId: $w }, to: { walletId: $w, pocket: BUSINESS }, amount: "1.00", currency: "EUR" }, idempotencyKey: "attack-transfer-1") { transaction { id } errors { code } } }`,
        { w: i['wallet'] },
      ],
    },
    {
      name: 'ledgerDebit of the wallet',
      query: (i) => [
        `mutation($w: String!) { ledgerDebit(input: { account: { walletId: $w }, amount: "1.00", currency: "EUR" }, idempotencyKey: "attack-debit-1") { transaction { id } errors { code } } }`,
        { w: i['wallet'] },
      ],
    },
    {
      name: 'ledgerReserve on the wallet',
      query: (i) => [
        `mutation($w: String!) { ledgerReserve(input: { account: { walletId: $w }, amount: "1.00", currency: "EUR" }, idempotencyKey: "attack-reserve-1") { reservation { id } errors { code } } }`,
        { w: i['wallet'] },
      ],
    },
    {
      name: 'ledgerReverse of its credit',
      query: (i) => [
        `mutation($t: ID!) { ledgerReverse(input: { transactionId: $t }, idempotencyKey: "attack-reverse-1") { transaction { id } errors { code } } }`,
        { t: i['transaction'] },
      ],
    },
    {
      name: 'postManualJournal on the contact',
      query: (i) => [
        `mutation($c: String!) { postManualJournal(input: { contactId: $c, action: "DEBIT", entity: "WALLET", amount: "1.00", currency: "EUR" }, idempotencyKey: "attack-journal-1") { transaction { id } errors { code } } }`,
        { c: i['contact'] },
      ],
    },
    { name: 'subscription', read: 'subscription', query: (i) => [`query($id: ID!) { subscription(id: $id) { id } }`, { id: i['subscription'] }] },
    { name: 'service', read: 'service', query: (i) => [`query($id: ID!) { service(id: $id) { id } }`, { id: i['service'] }] },
    {
      name: 'contactServices',
      read: 'contactServices',
      query: (i) => [`query($id: ID!) { contactServices(contactId: $id) { id } }`, { id: i['contact'] }],
    },
    {
      name: 'subscriptionActions',
      read: 'subscriptionActions',
      query: (i) => [`query($id: ID!) { subscriptionActions(serviceId: $id) { id } }`, { id: i['service'] }],
    },
    {
      name: 'subscriptionAction',
      read: 'subscriptionAction',
      query: (i) => [`query($id: ID!) { subscriptionAction(id: $id) { id } }`, { id: i['subscriptionAction'] }],
    },
    // subscriptions-write follows the contact events (knownContacts): another tenant's contact id is a 404
    {
      name: 'addContactServices for the victim',
      query: (i) => [
        `mutation($c: ID!) { addContactServices(contactId: $c, input: { services: [{ productId: "prod-x" }] }) { subscriptionId errors { code } } }`,
        { c: i['contact'] },
      ],
    },
    {
      name: 'changeService',
      query: (i) => [`mutation($id: ID!) { changeService(id: $id, input: { action: "CANCEL" }) { actionId errors { code } } }`, { id: i['service'] }],
    },
    {
      name: 'changeSubscription',
      query: (i) => [
        `mutation($id: ID!) { changeSubscription(id: $id, input: { action: "CANCEL" }) { actionId errors { code } } }`,
        { id: i['subscription'] },
      ],
    },
    {
      name: 'cancelSubscriptionAction',
      query: (i) => [`mutation($id: ID!) { cancelSubscriptionAction(id: $id) { actionId errors { code } } }`, { id: i['subscriptionAction'] }],
    },
    { name: 'queue', read: 'queue', tenantWide: true, query: (i) => [`query($id: ID!) { queue(id: $id) { id name } }`, { id: i['queue'] }] },
    {
      name: 'serviceRequest',
      read: 'serviceRequest',
      query: (i) => [`query($id: ID!) { serviceRequest(id: $id) { id description } }`, { id: i['serviceRequest'] }],
    },
    {
      name: 'serviceRequests of the victim',
      read: 'serviceRequests',
      query: (i) => [`query($c: ID!) { serviceRequests(filter: { contactId: $c }) { items { id } } }`, { c: i['contact'] }],
    },
    {
      name: 'raiseServiceRequest for the victim',
      query: (i) => [
        `mutation($c: ID!, $q: ID!) { raiseServiceRequest(input: { contactId: $c, queueId: $q, description: "x" }) { id errors { code } } }`,
        { c: i['contact'], q: i['queue'] },
      ],
    },
    {
      name: 'actOnServiceRequest',
      query: (i) => [
        `mutation($id: ID!) { actOnServiceRequest(id: $id, input: { action: START_PROGRESS }) { id errors { code } } }`,
        { id: i['serviceRequest'] },
      ],
    },
    {
      name: 'assignServiceRequest',
      query: (i) => [
        `mutation($id: ID!, $t: ID!) { assignServiceRequest(id: $id, input: { teamId: $t }) { id errors { code } } }`,
        { id: i['serviceRequest'], t: i['team'] },
      ],
    },
    {
      name: 'setServiceRequestTags',
      query: (i) => [`mutation($id: ID!) { setServiceRequestTags(id: $id, tags: ["pwned"]) { id errors { code } } }`, { id: i['serviceRequest'] }],
    },
    {
      name: 'setServiceRequestCategories',
      query: (i) => [
        `mutation($id: ID!) { setServiceRequestCategories(id: $id, categoryIds: []) { id errors { code } } }`,
        { id: i['serviceRequest'] },
      ],
    },
    {
      name: 'addServiceRequestNote',
      query: (i) => [`mutation($id: ID!) { addServiceRequestNote(id: $id, note: "pwned") { id errors { code } } }`, { id: i['serviceRequest'] }],
    },
    {
      name: 'addServiceRequestAttachment',
      query: (i) => [
        `mutation($id: ID!) { addServiceRequestAttachment(id: $id, input: { link: "https://evil.example" }) { id errors { code } } }`,
        { id: i['serviceRequest'] },
      ],
    },
    {
      name: 'removeServiceRequestAttachment',
      query: (i) => [
        `mutation($id: ID!, $a: ID!) { removeServiceRequestAttachment(id: $id, attachmentId: $a) { id errors { code } } }`,
        { id: i['serviceRequest'], a: i['attachment'] },
      ],
    },
    { name: 'activity', read: 'activity', query: (i) => [`query($id: ID!) { activity(id: $id) { id name } }`, { id: i['activity'] }] },
    {
      name: 'activities of the victim',
      read: 'activities',
      query: (i) => [`query($c: ID!) { activities(filter: { contactId: $c }) { items { id } } }`, { c: i['contact'] }],
    },
    {
      name: 'createActivity for the victim',
      query: (i) => [`mutation($c: ID!) { createActivity(input: { name: "x", contactId: $c }) { id errors { code } } }`, { c: i['contact'] }],
    },
    {
      name: 'updateActivity',
      query: (i) => [`mutation($id: ID!) { updateActivity(id: $id, input: { state: CANCELLED }) { id errors { code } } }`, { id: i['activity'] }],
    },
    { name: 'webhook', read: 'webhook', query: (i) => [`query($id: ID!) { webhook(id: $id) { id url } }`, { id: i['webhook'] }] },
    {
      name: 'webhookDeliveries',
      read: 'webhookDeliveries',
      query: (i) => [`query($id: ID!) { webhookDeliveries(webhookId: $id) { total } }`, { id: i['webhook'] }],
    },
    {
      name: 'updateWebhook',
      query: (i) => [
        `mutation($id: ID!) { updateWebhook(id: $id, input: { url: "https://93.184.216.66/pwned", events: ["*"] }) { errors { code } } }`,
        { id: i['webhook'] },
      ],
    },
    { name: 'deleteWebhook', query: (i) => [`mutation($id: ID!) { deleteWebhook(id: $id) { errors { code } } }`, { id: i['webhook'] }] },
    {
      name: 'rotateWebhookSecret',
      query: (i) => [`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret errors { code } } }`, { id: i['webhook'] }],
    },
    {
      name: 'replayWebhookDelivery',
      query: (i) => [`mutation($id: ID!, $d: ID!) { replayWebhookDelivery(webhookId: $id, deliveryId: $d) }`, { id: i['webhook'], d: DELIVERY }],
    },
    {
      name: 'replayWebhookDeliveries',
      query: (i) => [
        `mutation($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { replayWebhookDeliveries(webhookId: $id, from: $from, to: $to) }`,
        { id: i['webhook'], from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
      ],
    },
    {
      name: 'switchOrganisation',
      query: (i) => [
        `mutation($id: ID!) { switchOrganisation(organisationId: $id) { tokens { accessToken } errors { code } } }`,
        { id: i['tenantId'] },
      ],
    },
  ];

  /** The catalogue: tenant B finds none of A's objects; nobody but A's catalogue.write holders changes them (A's contacts may read A's catalogue: it is what they order from). */
  const CATALOGUE_READS: typeof OPERATIONS = [
    { name: 'product', read: 'product', query: (i) => [`query($id: ID!) { product(id: $id) { id } }`, { id: i['product'] }] },
    {
      name: 'products by id',
      read: 'products',
      query: (i) => [`query($id: ID!) { products(filter: { ids: [$id] }) { items { id } } }`, { id: i['product'] }],
    },
    {
      name: 'productPrice',
      read: 'productPrice',
      query: (i) => [`query($id: ID!) { productPrice(id: $id, quantity: 1) { amount } }`, { id: i['price'] }],
    },
    {
      name: 'productGroup',
      read: 'productGroup',
      query: (i) => [`query($id: ID!) { productGroup(kind: BRAND, id: $id) { id } }`, { id: i['brand'] }],
    },
    {
      name: 'orderCatalogue',
      read: 'orderCatalogue',
      query: (i) => [`query($id: ID!) { orderCatalogue(id: $id) { id } }`, { id: i['orderCatalogue'] }],
    },
    {
      name: 'orderCatalogueCategories',
      read: 'orderCatalogueCategories',
      query: (i) => [`query($id: ID!) { orderCatalogueCategories(id: $id) { category { id } } }`, { id: i['orderCatalogue'] }],
    },
  ];
  const CATALOGUE_WRITES: typeof OPERATIONS = [
    {
      name: 'updateProduct',
      query: (i) => [`mutation($id: ID!) { updateProduct(id: $id, input: { name: "Pwned" }) { id errors { code } } }`, { id: i['product'] }],
    },
    {
      name: 'addProductPrice',
      query: (i) => [
        `mutation($id: ID!) { addProductPrice(productId: $id, input: { price: "0", currencyCode: "USD" }) { id errors { code } } }`,
        { id: i['product'] },
      ],
    },
    {
      name: 'addProductComponent',
      query: (i) => [
        `mutation($id: ID!, $c: ID!) { addProductComponent(productId: $id, input: { itemType: CATEGORY, itemId: $c }) { id errors { code } } }`,
        { id: i['product'], c: i['category'] },
      ],
    },
    {
      name: 'updateProductGroup',
      query: (i) => [
        `mutation($id: ID!) { updateProductGroup(kind: BRAND, id: $id, input: { name: "Pwned" }) { id errors { code } } }`,
        { id: i['brand'] },
      ],
    },
    {
      name: 'deleteProductGroup',
      query: (i) => [`mutation($id: ID!) { deleteProductGroup(kind: CATEGORY, id: $id) { id errors { code } } }`, { id: i['category'] }],
    },
    {
      name: 'updateOrderCatalogue',
      query: (i) => [
        `mutation($id: ID!) { updateOrderCatalogue(id: $id, input: { name: "Pwned" }) { id errors { code } } }`,
        { id: i['orderCatalogue'] },
      ],
    },
  ];

  it('the catalogue: tenant B reads none of A and nobody outside A changes it', async () => {
    const before = await snapshotA(ids['tenantId']!);
    const leaks: string[] = [];
    for (const [attacker, headers] of Object.entries(attackers)) {
      const operations = attacker === 'other_contact' ? CATALOGUE_WRITES : [...CATALOGUE_READS, ...CATALOGUE_WRITES];
      for (const op of operations) {
        const [query, variables] = op.query(ids);
        const r = await p.graphql<Gql>(query, variables, headers);
        assert.ok(r.status < 500, `${op.name} as ${attacker}: ${r.status}`);
        const found = op.read ? r.body.data?.[op.read] : undefined;
        const read =
          found && typeof found === 'object' && 'items' in found
            ? (found.items as unknown[]).length > 0
            : Array.isArray(found)
              ? found.length > 0
              : Boolean(found);
        if (op.read && read) leaks.push(`${op.name} as ${attacker}: read ${op.read}`);
        const payload = r.body.data ? (Object.values(r.body.data)[0] as Record<string, unknown> | null) : null;
        const refused =
          (r.body.errors?.length ?? 0) > 0 ||
          (Array.isArray(payload?.['errors']) && (payload!['errors'] as unknown[]).length > 0) ||
          (op.read !== undefined && !read);
        if (!refused) leaks.push(`${op.name} as ${attacker}: succeeded (${r.text.slice(0, 160)})`);
      }
    }
    assert.deepEqual(leaks, []);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await snapshotA(ids['tenantId']!), before, 'no row of tenant A changed');
  });

  it('leaks nothing and changes nothing, whoever aims at tenant A', async () => {
    const before = await snapshotA(ids['tenantId']!);
    const leaks: string[] = [];
    for (const [attacker, headers] of Object.entries(attackers)) {
      for (const op of OPERATIONS) {
        if (op.tenantWide && attacker === 'other_contact') continue;
        const [query, variables] = op.query(ids);
        const r = await p.graphql<Gql>(query, variables, headers);
        assert.ok(r.status < 500, `${op.name} as ${attacker}: ${r.status}`);
        const text = r.text;
        if (text.includes('"accessToken":"ey') || text.includes('crm_sk_') || text.includes('crm_pk_') || text.includes('whsec_'))
          leaks.push(`${op.name} as ${attacker}: returned a credential`);
        const found = op.read ? r.body.data?.[op.read] : undefined;
        // a list, a page of items (`{items: […]}`), or one record
        const items = Array.isArray(found) ? found : Array.isArray(found?.items) ? (found.items as unknown[]) : null;
        const read = items ? items.length > 0 : Boolean(found);
        if (op.read && read) leaks.push(`${op.name} as ${attacker}: read ${op.read}`);
        const payload = r.body.data ? (Object.values(r.body.data)[0] as Record<string, unknown> | null) : null;
        const refused =
          (r.body.errors?.length ?? 0) > 0 ||
          (Array.isArray(payload?.['errors']) && (payload!['errors'] as unknown[]).length > 0) ||
          (op.read !== undefined && !read);
        if (!refused) leaks.push(`${op.name} as ${attacker}: succeeded (${text.slice(0, 160)})`);
      }
    }
    assert.deepEqual(leaks, []);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await snapshotA(ids['tenantId']!), before, 'no row of tenant A changed');
    const still = await p.graphql<Gql>(
      `query($id: ID!) { contact(id: $id) { lastName tags } }`,
      { id: ids['contact'] },
      { authorization: `Bearer ${victimToken}` },
    );
    assert.deepEqual(still.body.data?.['contact'], { lastName: 'T', tags: [] });
  });

  it('the REST facade: every back-office (and subscriptions and engagement self-service) route taking an id answers 4xx to another tenant or contact, changing nothing', async () => {
    const before = await snapshotA(ids['tenantId']!);
    const BO = '/backoffice/v2';
    const expiry = Math.floor(Date.now() / 1000) + 600;
    /** The 4th element marks catalogue reads, which A's own contacts may make (the catalogue is what they order from). */
    const calls: [string, string, unknown?, boolean?][] = [
      ['GET', `${BO}/contacts/${ids['contact']}`],
      ['PUT', `${BO}/contacts/${ids['contact']}`, { last_name: 'Pwned' }],
      ['DELETE', `${BO}/contacts/${ids['contact']}`],
      ['GET', `${BO}/users/${ids['user']}`],
      ['PUT', `${BO}/users/${ids['user']}`, { last_name: 'Pwned', teams: [] }],
      ['DELETE', `${BO}/users/${ids['user']}`],
      ['GET', `${BO}/user_roles/${ids['role']}`],
      ['PUT', `${BO}/user_roles/${ids['role']}`, { permissions: ['contacts.write'] }],
      ['DELETE', `${BO}/user_roles/${ids['role']}`],
      ['GET', `${BO}/teams/${ids['team']}`],
      ['PUT', `${BO}/teams/${ids['team']}`, { name: 'Pwned' }],
      ['DELETE', `${BO}/teams/${ids['team']}`],
      ['GET', `${BO}/users?teams=${ids['team']}`],
      ['DELETE', `${BO}/api_keys/${ids['key']}`],
      ['POST', `${BO}/api_keys/${ids['key']}/rotate`, { old_key_expiration_date: expiry }],
      ['POST', `${BO}/api_keys`, { application_id: ids['application'], name: 'x', role_id: ids['role'] }],
      ['GET', `${BO}/organisations/${ids['tenantId']}`],
      ['GET', `${BO}/wallets/${ids['wallet']}`],
      ['GET', `${BO}/wallets/${ids['walletCode']}`],
      ['GET', `${BO}/wallets?contact_id=${ids['contact']}`],
      ['GET', `${BO}/journals/${ids['transaction']}`],
      ['GET', `${BO}/journals?contact_id=${ids['contact']}`],
      ['POST', `${BO}/contacts/${ids['contact']}/journals`, { action: 'DEBIT', entity: 'WALLET', amount: 1, currency_code: 'EUR' }],
      ['GET', `/self-service/v2/wallets/${ids['wallet']}`],
      ['GET', `/self-service/v2/wallets/${ids['wallet']}/journals`],
      ['GET', `/self-service/v2/contacts/${ids['contact']}/accounts`],
      ['GET', `/self-service/v2/journals/${ids['transaction']}`],
      ['POST', `/self-service/v2/transfers`, { origin: { wallet_id: ids['wallet'] }, destination: { wallet_id: ids['wallet'] }, amount: 1 }],
      ['GET', `${BO}/webhooks/${ids['webhook']}`],
      ['PUT', `${BO}/webhooks/${ids['webhook']}`, { url: 'https://93.184.216.66/pwned', events: ['*'] }],
      ['DELETE', `${BO}/webhooks/${ids['webhook']}`],
      ['POST', `${BO}/webhooks/${ids['webhook']}/rotate_secret`],
      ['GET', `${BO}/webhooks/${ids['webhook']}/deliveries`],
      ['POST', `${BO}/webhooks/${ids['webhook']}/deliveries/${DELIVERY}/replay`],
      ['POST', `${BO}/webhooks/${ids['webhook']}/replay`, { from: 0, to: Math.floor(Date.now() / 1000) }],
      ['GET', `${BO}/products/${ids['product']}`, undefined, true],
      ['PUT', `${BO}/products/${ids['product']}`, { name: 'Pwned' }],
      ['GET', `${BO}/products/${ids['product']}/prices`, undefined, true],
      ['POST', `${BO}/products/${ids['product']}/prices`, { price: 1, currency_code: 'USD' }],
      ['GET', `${BO}/products/${ids['product']}/components`, undefined, true],
      ['POST', `${BO}/products/${ids['product']}/components`, { item_type: 'CATEGORY', item_id: ids['category'] }],
      ['GET', `${BO}/products?product_ids=${ids['product']}`, undefined, true],
      ['GET', `${BO}/products/brands/${ids['brand']}`, undefined, true],
      ['PUT', `${BO}/products/brands/${ids['brand']}`, { name: 'Pwned' }],
      ['DELETE', `${BO}/products/categories/${ids['category']}`],
      ['GET', `${BO}/order_catalogues/${ids['orderCatalogue']}`, undefined, true],
      ['PUT', `${BO}/order_catalogues/${ids['orderCatalogue']}`, { name: 'Pwned' }],
      ['GET', `${BO}/contacts/${ids['contact']}/services`],
      ['POST', `${BO}/contacts/${ids['contact']}/services`, { services: [{ product_id: 'pwn' }] }],
      ['GET', `${BO}/contacts/${ids['contact']}/subscriptions`],
      ['GET', `${BO}/contacts/${ids['contact']}/subscriptions/actions`],
      ['GET', `${BO}/subscriptions?contact_id=${ids['contact']}`],
      ['GET', `${BO}/subscriptions/${ids['subscription']}`],
      ['PUT', `${BO}/subscriptions/${ids['subscription']}`, { action: 'CANCEL' }],
      ['PUT', `${BO}/services/${ids['service']}`, { action: 'CANCEL' }],
      ['GET', `${BO}/subscriptions/actions?service_id=${ids['service']}`],
      ['GET', `${BO}/subscriptions/actions/${ids['subscriptionAction']}`],
      ['PUT', `${BO}/subscriptions/actions/${ids['subscriptionAction']}`, { action: 'CANCEL' }],
      ['GET', `/self-service/v2/contacts/${ids['contact']}/services`],
      ['POST', `/self-service/v2/contacts/${ids['contact']}/services`, { services: [{ product_id: 'pwn' }] }],
      ['GET', `/self-service/v2/contacts/${ids['contact']}/subscriptions`],
      ['GET', `/self-service/v2/contacts/${ids['contact']}/subscriptions/actions`],
      ['PUT', `/self-service/v2/services/${ids['service']}`, { action: 'CANCEL' }],
      ['PUT', `/self-service/v2/subscriptions/${ids['subscription']}`, { action: 'CANCEL' }],
      ['GET', `/self-service/v2/subscriptions/actions?service_id=${ids['service']}`],
      ['GET', `/self-service/v2/subscriptions/actions/${ids['subscriptionAction']}`],
      ['PUT', `/self-service/v2/subscriptions/actions/${ids['subscriptionAction']}`, { action: 'CANCEL' }],
      ['GET', `${BO}/queues/${ids['queue']}`],
      ['GET', `${BO}/activities/${ids['activity']}`],
      ['PUT', `${BO}/activities/${ids['activity']}`, { state: 'CANCELLED' }],
      ['GET', `${BO}/activities?contact_id=${ids['contact']}`],
      ['POST', `${BO}/activities`, { name: 'x', linked_to: [{ type: 'SERVICE_REQUEST', id: ids['serviceRequest'] }] }],
      ['GET', `${BO}/service_requests/${ids['serviceRequest']}`],
      ['PUT', `${BO}/service_requests/${ids['serviceRequest']}`, { tags: ['pwned'] }],
      ['POST', `${BO}/service_requests/${ids['serviceRequest']}/actions`, { action: 'START_PROGRESS' }],
      ['GET', `${BO}/service_requests/${ids['serviceRequest']}/notes`],
      ['POST', `${BO}/service_requests/${ids['serviceRequest']}/notes`, { note: 'pwned' }],
      ['GET', `${BO}/service_requests/${ids['serviceRequest']}/attachments`],
      ['POST', `${BO}/service_requests/${ids['serviceRequest']}/attachments`, { link: 'https://evil.example' }],
      ['DELETE', `${BO}/service_requests/${ids['serviceRequest']}/attachments/${ids['attachment']}`],
      ['GET', `${BO}/service_requests/${ids['serviceRequest']}/history`],
      ['GET', `${BO}/service_requests?contact_id=${ids['contact']}`],
      ['POST', `${BO}/service_requests`, { contact_id: ids['contact'], queue_id: ids['queue'], description: 'x' }],
      ['GET', `/self-service/v2/contacts/${ids['contact']}/service_requests`],
      ['POST', `/self-service/v2/contacts/${ids['contact']}/service_requests`, { description: 'x', queue_id: ids['queue'] }],
      ['GET', `/self-service/v2/service_requests/${ids['serviceRequest']}/notes`],
      ['POST', `/self-service/v2/service_requests/${ids['serviceRequest']}/notes`, { note: 'pwned' }],
      ['GET', `/self-service/v2/service_requests/${ids['serviceRequest']}/attachments`],
      ['POST', `/self-service/v2/service_requests/${ids['serviceRequest']}/attachments`, { link: 'https://evil.example' }],
      ['DELETE', `/self-service/v2/service_requests/${ids['serviceRequest']}/attachments/${ids['attachment']}`],
    ];
    const leaks: string[] = [];
    for (const [attacker, headers] of Object.entries(attackers)) {
      for (const [method, path, body, contactsMayRead] of calls) {
        if (contactsMayRead && attacker === 'other_contact') continue;
        const r = await exactCall<any>(p.url, method, path, body, headers);
        assert.ok(r.status < 500, `${method} ${path} as ${attacker}: ${r.status} ${r.text}`);
        const emptyList = r.status === 200 && Array.isArray(r.body?.content) && r.body.content.length === 0;
        if (r.status < 400 && !emptyList) leaks.push(`${method} ${path} as ${attacker}: ${r.status} ${r.text.slice(0, 160)}`);
        if (r.text.includes('crm_sk_') || r.text.includes('whsec_') || (r.status === 200 && r.text.includes(ids['user']!)))
          leaks.push(`${method} ${path} as ${attacker}: leaked`);
      }
    }
    // the Self-Service catalogue of tenant A, from tenant B (A's own contacts may read it: it is what they order from)
    const SS = '/self-service/v2';
    const ssCalls = [
      `${SS}/products/${ids['product']}`,
      `${SS}/products/${ids['product']}/components`,
      `${SS}/products/${ids['product']}/variants`,
      `${SS}/products?product_ids=${ids['product']}`,
      `${SS}/order_catalogues/${ids['orderCatalogue']}/categories`,
      `${SS}/order_catalogues?order_catalog_ids=${ids['orderCatalogue']}`,
    ];
    for (const path of ssCalls) {
      const r = await exactCall<any>(p.url, 'GET', path, undefined, attackers.tenantB_secret);
      assert.ok(r.status < 500, `GET ${path}: ${r.status} ${r.text}`);
      const emptyList = r.status === 200 && Array.isArray(r.body?.content) && r.body.content.length === 0;
      if (r.status < 400 && !emptyList) leaks.push(`GET ${path} as tenantB_secret: ${r.status} ${r.text.slice(0, 160)}`);
    }
    assert.deepEqual(leaks, []);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await snapshotA(ids['tenantId']!), before, 'no row of tenant A changed');
  });

  it("settings: another tenant or contact neither reads nor changes tenant A's files and custom fields (REST and GraphQL)", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'victim.png');
    // the contract's security for uploads is the contact's bearer token alone
    const up = await fetch(`${p.url}/self-service/v2/upload/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${victimToken}` },
    });
    const fileId = ((await up.json()) as { id: string }).id;
    assert.equal(up.status, 201);
    const cf = await exactCall<any>(
      p.url,
      'POST',
      '/backoffice/v2/custom_fields',
      { entity: 'CONTACTS', key: 'loyalty_tier', label: 'Tier', field: 'SINGLE_LINE' },
      ownerAHeaders,
    );
    assert.equal(cf.status, 201, cf.text);
    const fieldId = cf.body.id as string;
    const db = (p.services.get('settings-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } })
      .dataSource;
    const snapshot = async () =>
      JSON.stringify(
        await db.query(
          `SELECT 'file' AS t, id::text, version, deleted::text AS s FROM files WHERE tenant_id = $1
           UNION ALL SELECT 'content', file_id::text, length(bytes), '' FROM file_contents WHERE tenant_id = $1
           UNION ALL SELECT 'custom_field', id::text, version, removed::text FROM custom_fields WHERE tenant_id = $1 ORDER BY 1, 2`,
          [ids['tenantId']],
        ),
      );
    const before = await snapshot();
    const calls: [string, string, unknown?][] = [
      ['GET', `/self-service/v2/files/${fileId}`],
      ['DELETE', `/self-service/v2/files/${fileId}`],
      ['GET', `/backoffice/v2/custom_fields/${fieldId}`],
      ['PUT', `/backoffice/v2/custom_fields/${fieldId}`, { label: 'Pwned' }],
      ['DELETE', `/backoffice/v2/custom_fields/${fieldId}`],
    ];
    // the definitions are the tenant's configuration: any contact of tenant A reads them, tenant B sees none
    const lists: [string, string][] = [
      ['GET', '/backoffice/v2/custom_fields?entity=CONTACTS'],
      ['GET', '/self-service/v2/custom_fields?entity=CONTACTS'],
    ];
    const graphql: [string, Record<string, unknown>, string?][] = [
      [`query($id: ID!) { fileContent(id: $id) { id contentBase64 } }`, { id: fileId }, 'fileContent'],
      [`query($id: ID!) { file(id: $id) { id } }`, { id: fileId }, 'file'],
      [`mutation($id: ID!) { deleteFile(id: $id) { id errors { code } } }`, { id: fileId }],
      [`query($id: ID!) { customField(id: $id) { id } }`, { id: fieldId }, 'customField'],
      [`mutation($id: ID!) { changeCustomField(id: $id, input: { label: "Pwned" }) { id errors { code } } }`, { id: fieldId }],
      [`mutation($id: ID!) { removeCustomField(id: $id) { id errors { code } } }`, { id: fieldId }],
    ];
    const leaks: string[] = [];
    for (const [attacker, headers] of Object.entries(attackers)) {
      for (const [method, path, body] of [...calls, ...(attacker === 'other_contact' ? [] : lists)]) {
        const r = await exactCall<any>(p.url, method, path, body, headers);
        assert.ok(r.status < 500, `${method} ${path} as ${attacker}: ${r.status} ${r.text}`);
        const emptyList = r.status === 200 && Array.isArray(r.body?.content) && r.body.content.length === 0;
        if (r.status < 400 && !emptyList) leaks.push(`${method} ${path} as ${attacker}: ${r.status} ${r.text.slice(0, 160)}`);
      }
      for (const [query, variables, read] of graphql) {
        const r = await p.graphql<Gql>(query, variables, headers);
        assert.ok(r.status < 500, `${query} as ${attacker}: ${r.status}`);
        const payload = r.body.data ? (Object.values(r.body.data)[0] as Record<string, unknown> | null) : null;
        const refused =
          (r.body.errors?.length ?? 0) > 0 || (read ? !payload : Array.isArray(payload?.['errors']) && (payload!['errors'] as unknown[]).length > 0);
        if (!refused) leaks.push(`${query} as ${attacker}: ${r.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshot(), before, 'no settings row of tenant A changed');
    const mine = await fetch(`${p.url}/self-service/v2/files/${fileId}`, { headers: { authorization: `Bearer ${victimToken}` } });
    assert.equal(mine.status, 200);
    assert.deepEqual(Buffer.from(await mine.arrayBuffer()), png);
  });

  it('refuses direct subgraph calls, whoever the caller pretends to be', async () => {
    const domainUrls = ['ledger-write', 'ledger-read', 'engagement-write', 'engagement-read'].map((n) => p.services.get(n)!.http!.url);
    for (const url of [p.identityWrite.http.url, p.contactsWrite.http.url, p.contactsRead.http!.url, ...domainUrls]) {
      const r = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${victimToken}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      assert.equal(r.status, 401);
      const internal = await fetch(`${p.identityWrite.http.url}/internal/jwks`);
      assert.equal(internal.status, 401, 'internal endpoints need the gateway principal');
    }
  });
});
