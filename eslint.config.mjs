// Lint rules that keep the layout of DESIGN.md honest: no process.env outside env.ts files,
// no deep imports across workspaces, no subgraph importing another subgraph.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.kafka/**', '.data/**', 'schema/**', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read the environment only in env.ts' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@crm/*/src/*', '@crm/*/dist/*', '../../*/write/*', '../../*/read/*'], message: 'import workspaces through their package exports only' }] },
      ],
    },
  },
  {
    files: ['**/env.ts', '**/*.test.ts', 'bench/**/*.ts', 'supergraph/src/launcher/env.ts', 'platform/src/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['subgraphs/contacts/write/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@crm/contacts-read', '@crm/contacts-read/*'], message: 'subgraphs never import each other' }] }] },
  },
  {
    files: ['subgraphs/contacts/read/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@crm/contacts-write', '@crm/contacts-write/*'], message: 'subgraphs never import each other' }] }] },
  },
);
