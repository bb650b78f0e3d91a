/**
 * One jest run for the whole workspace, three tiers: `unit` (fast, no Terraform), `integration`
 * (*.int.spec.ts: real terraform validate/plan of synthesized stacks, nx in a throwaway repo) and
 * `emulator` (*.emu.spec.ts: every environment applied, drifted and destroyed in moto server). TypeScript is transformed by swc;
 * type-checking is its own step (`npm run typecheck`).
 */
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/[/.]/g, '\\$&')}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
);

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdktf.out/'],
  setupFilesAfterEnv: ['<rootDir>/tools/jest-setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tools/jest-temp-setup.js',
  globalTeardown: '<rootDir>/tools/jest-temp-teardown.js',
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,stacks,environments,tools}/**/*.spec.ts'],
      globalSetup: '<rootDir>/tools/jest-build-setup.js',
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.spec\\.ts$', '\\.emu\\.spec\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,stacks,environments,tools}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/tools/jest-integration-global-setup.js',
      setupFilesAfterEnv: [...common.setupFilesAfterEnv, '<rootDir>/tools/jest-integration-setup.ts'],
    },
    {
      ...common,
      displayName: 'emulator',
      testMatch: ['<rootDir>/{apps,libs,stacks,environments,tools}/**/*.emu.spec.ts'],
      globalSetup: '<rootDir>/tools/jest-build-setup.js',
      setupFilesAfterEnv: [...common.setupFilesAfterEnv, '<rootDir>/tools/jest-integration-setup.ts'],
    },
  ],
};
