// Lint rules that keep the layout of DESIGN.md honest: no process.env outside env.ts files,
// no deep imports across workspaces, no import cycles, and the domain boundaries generated from
// the service registry (services.json): a domain's code never imports another domain's packages,
// a domain's write and read sides never import each other (they share only the domain's
// libraries), and the gateway, REST facade, platform and event-bus import no domain code at all.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const registry = JSON.parse(readFileSync(new URL('./services.json', import.meta.url), 'utf8'));
// tsconfig globs from the repository root, so `eslint .` inside a workspace (turbo's lint task) resolves the same way
const root = fileURLToPath(new URL('.', import.meta.url));

const DEEP_IMPORTS = {
  group: ['@crm/*/src/*', '@crm/*/dist/*', '../../*/write/*', '../../*/read/*'],
  message: 'import workspaces through their package exports only',
};
const both = (pkg) => [pkg, `${pkg}/*`];

const libraries = registry.domains.flatMap((d) => d.libraries.map((l) => ({ ...l, domain: d.name })));
const domainPackages = [...libraries.map((l) => l.package), ...registry.services.map((s) => s.package)];

/** One block per domain workspace: what it may not import, and why. */
function boundary(dir, domain, ownPackage) {
  const otherDomains = [...libraries.filter((l) => l.domain !== domain), ...registry.services.filter((s) => s.domain !== domain)].map(
    (w) => w.package,
  );
  const otherSides = registry.services.filter((s) => s.domain === domain && s.package !== ownPackage).map((s) => s.package);
  return {
    files: [`${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DEEP_IMPORTS,
            ...(otherDomains.length
              ? [{ group: otherDomains.flatMap(both), message: `domain ${domain} never imports another domain's code: use events or the gateway` }]
              : []),
            ...(otherSides.length
              ? [
                  {
                    group: otherSides.flatMap(both),
                    message: `subgraphs never import each other: ${domain}'s write and read sides share only its libraries`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.kafka/**', '.data/**', 'schema/**', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // parse .ts dependencies with the TypeScript parser (import-x's typescript preset), resolve with tsconfig
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/external-module-folders': importX.flatConfigs.typescript.settings['import-x/external-module-folders'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['*/tsconfig.json', 'subgraphs/*/*/tsconfig.json'].map((p) => `${root}${p}`),
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read the environment only in env.ts' }],
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS] }],
      // type-only imports are erased at compile time, so they cannot make a load-order cycle
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
    },
  },
  {
    files: ['**/env.ts', '**/*.test.ts', 'bench/**/*.ts', 'supergraph/src/launcher/env.ts', 'platform/src/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...libraries.map((l) => boundary(l.dir, l.domain, l.package)),
  ...registry.services.map((s) => boundary(s.dir, s.domain, s.package)),
  {
    // shared libraries and the gateway process: no domain code (the gateway reads the registry as data)
    files: ['platform/**/*.ts', 'event-bus/**/*.ts', 'supergraph/src/gateway/**/*.ts', 'supergraph/src/rest/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DEEP_IMPORTS,
            {
              group: [...domainPackages.flatMap(both), '@crm/supergraph', '@crm/supergraph/*'],
              message: 'the gateway and the shared libraries import no domain code (read services.json through @crm/platform/registry)',
            },
          ],
        },
      ],
    },
  },
);
