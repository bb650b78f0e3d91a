/**
 * ESLint for the whole workspace (flat config): eslint and typescript-eslint recommended, syntax
 * only (no type-aware rules: `tsc --noEmit` checks types, this stays fast), the Nx module
 * boundaries on the project tags, and the two import rules Nx cannot express: never the
 * `@cdktf/provider-aws` root index, and AGPL packages only in `*.spec.ts`.
 */
import js from '@eslint/js';
import { readFileSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which project types each type may import (tools/module-boundaries.ts checks every project has one of these types). */
const ALLOWED_IMPORTS = {
  util: ['util'],
  construct: ['util', 'construct'],
  stack: ['util', 'construct', 'stack'],
  app: ['util', 'construct', 'stack', 'app'],
  environment: ['util', 'environment'],
  tool: ['util', 'construct', 'stack', 'app', 'environment', 'tool'],
};

/**
 * Nx forbids importing an application project outright; here apps and tools may import an app's
 * entry points (the smoke test starts llm-api's local server), so those aliases are allowed for
 * files of type:app (apps/) and type:tool (tools/) projects only.
 */
const APP_ALIASES = Object.entries(JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8')).compilerOptions.paths)
  .filter(([, [target]]) => /^(\.\/)?apps\//.test(target))
  .map(([alias]) => alias);

function moduleBoundaries({ allow = [] } = {}) {
  return [
    'error',
    {
      allow,
      depConstraints: Object.entries(ALLOWED_IMPORTS).map(([type, allowed]) => ({
        sourceTag: `type:${type}`,
        onlyDependOnLibsWithTags: allowed.map((target) => `type:${target}`),
      })),
      // Test-only cycle: constructs-lambda uses guardrails' secret detector, and guardrails' rule
      // specs check real lambda constructs. The shipped graph has no cycle. Moving the detector
      // into a util project would remove this entry.
      ignoredCircularDependencies: [['constructs-lambda', 'guardrails']],
    },
  ];
}

/** AGPL-licensed packages: devDependencies for tests, never imported by code that ships. */
const AGPL_PACKAGES = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-utils', '@cloud-copilot/iam-expand'];

const PROVIDER_ROOT = {
  name: '@cdktf/provider-aws',
  message: 'The root index costs about 3 s to load; import @cdktf/provider-aws/lib/<resource> instead.',
};
const AGPL_MESSAGE = 'AGPL-licensed: only *.spec.ts files may use it (never code that ships).';

/**
 * `require('x')` and `import('x')` of a banned module, which `no-restricted-imports` does not see.
 * esquery's regex literal ends at the first `/`, so the pattern spells slashes as \u002F.
 */
function dynamicImports(names, { subpaths }, message) {
  const alternatives = names.map((name) => name.replace(/[.]/g, '\\.').replace(/\//g, '\\u002F')).join('|');
  const value = `/^(${alternatives})${subpaths ? '(\\u002F.*)?' : ''}$/`;
  return [
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${value}]`, message },
    { selector: `ImportExpression[source.value=${value}]`, message },
  ];
}
const providerRootDynamic = dynamicImports([PROVIDER_ROOT.name], { subpaths: false }, PROVIDER_ROOT.message);
const agplDynamic = dynamicImports(AGPL_PACKAGES, { subpaths: true }, AGPL_MESSAGE);

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdktf.out/**',
      '**/coverage/**',
      '**/tmp/**',
      '**/.nx/**',
      '**/.terraform/**',
      '**/.emulator/**',
      '**/.local/**',
      // Recorded plans, state and configurations: data, not code.
      '**/testing/fixtures/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(),
      'no-restricted-imports': [
        'error',
        {
          paths: [PROVIDER_ROOT],
          patterns: [{ group: AGPL_PACKAGES.flatMap((name) => [name, `${name}/*`]), message: AGPL_MESSAGE }],
        },
      ],
      'no-restricted-syntax': ['error', ...providerRootDynamic, ...agplDynamic],
      // The code base's convention, as tsc's noUnusedParameters has it: `_name` is a parameter kept
      // for its position, and `{ field: _field, ...rest }` drops a field from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['apps/**', 'tools/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ allow: APP_ALIASES }) },
  },
  {
    // Tests may use the AGPL test tools; the provider root stays banned everywhere.
    files: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [PROVIDER_ROOT] }],
      'no-restricted-syntax': ['error', ...providerRootDynamic],
    },
  },
  {
    // Plain JavaScript here is CommonJS run by Node (jest config, setup and reporters): require is the module system.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: globals.node,
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.mts'],
    languageOptions: { globals: globals.nodeBuiltin },
  },
);
