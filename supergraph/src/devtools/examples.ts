/**
 * Saved operations the playground opens as tabs: the common back-office tasks, each a complete
 * operation with its variables (checked against the composed supergraph by examples.test.ts).
 */
export interface ExampleOperation {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: 'Who am I',
    query: `# The signed-in back-office user (use "Sign in" above, or put a secret key in the api_key header).
query WhoAmI {
  me {
    id
    email
    firstName
    lastName
    roles { id name }
  }
}
`,
  },
  {
    title: 'Find a contact',
    query: `# Contacts whose name, company, email, phone or code contains the search text.
query FindContact($search: String!) {
  contacts(filter: { search: $search }, first: 20, includeTotal: true) {
    totalCount
    nodes {
      id
      code
      displayName
      email
      phones { number }
      tags
      updatedAt
    }
  }
}
`,
    variables: { search: 'Lovelace' },
  },
  {
    title: 'Contact by id or code',
    query: `query ContactByIdOrCode($id: ID!) {
  contact(id: $id) {
    id
    code
    type
    displayName
    email
    addresses { id type name townCity postalCode countryCode }
    customFields { key value }
    version
    createdAt
  }
}
`,
    variables: { id: 'C-0001' },
  },
  {
    title: 'Create a contact',
    query: `# Replays of the same idempotencyKey return the first result instead of a second contact.
mutation CreateContact($input: CreateContactInput!, $key: String) {
  createContact(input: $input, idempotencyKey: $key) {
    contact { id code displayName }
    consistencyToken
    errors { code field message }
  }
}
`,
    variables: {
      key: 'playground-ada-1',
      input: { type: 'PERSON', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', tags: ['vip'] },
    },
  },
  {
    title: 'Tag a contact',
    query: `mutation TagContact($id: ID!, $tags: [String!]!) {
  setContactTags(id: $id, tags: $tags) {
    contact { id tags version }
    errors { code field message }
  }
}
`,
    variables: { id: 'C-0001', tags: ['vip', 'newsletter'] },
  },
  {
    title: 'Products by SKU',
    query: `# Catalogue: products, filtered by SKU (or type, brand, family, category, classification).
query ProductsBySku($skus: [String!]) {
  products(filter: { skus: $skus }) {
    total
    hasMore
    items {
      id
      sku
      name
      classification
      availability
    }
  }
}
`,
    variables: { skus: ['SKU-0001'] },
  },
  {
    title: 'Users and API keys',
    query: `query TeamOverview {
  users {
    id
    email
    status
    roles { name }
    teams { name }
  }
  apiKeys {
    id
    name
    kind
    masked
    revoked
  }
}
`,
  },
];
