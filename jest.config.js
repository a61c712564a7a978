/**
 * Three projects: fast unit tests, integration tests against real databases and real HTTP
 * (SQLite by default, MySQL as well when TEST_MYSQL_URL is set), and browser end-to-end tests.
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
const common = { transform, testEnvironment: 'node', setupFiles: ['<rootDir>/tests/helpers/jest-setup.ts'] };

/** @type {import('jest').Config} */
module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
