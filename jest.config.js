/**
 * Three projects: fast unit tests, integration tests against real databases and real HTTP
 * (SQLite by default, MySQL as well when TEST_MYSQL_URL is set), and browser end-to-end tests.
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
const common = { transform, testEnvironment: 'node', setupFiles: ['<rootDir>/tests/helpers/jest-setup.ts'] };

/** @type {import('jest').Config} */
module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
  // Integration tests hash passwords with argon2 and wait on real database locks; on a loaded 2-core
  // CI machine the slowest take about half of jest's 5 s default, which is too thin a margin.
  testTimeout: 15_000,
  // Two workers even on a 2-core machine (jest would otherwise run every file in its own process, in band),
  // each recycled once it holds more than 1.5 GB after a file: the integration files start whole apps, and
  // what each leaves behind added up to a 4 GB heap in one process.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
