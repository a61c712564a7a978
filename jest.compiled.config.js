/**
 * The integration suite against the compiled app (`npm run build`, then `npm run test:compiled`): the same
 * test files, with every import of the app's own code (api, bot, dialogs, cards, migrations) resolved to
 * its JavaScript in dist/, and the server-process tests starting `node dist/main.js` instead of main.ts.
 */
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  projects: undefined,
  ...integration,
  displayName: 'integration (compiled)',
  cacheDirectory: '<rootDir>/.jest-cache/compiled',
  moduleNameMapper: { '^(?:\\.\\./)+(api|bot|dialogs|cards|migrations)/(.*)$': '<rootDir>/dist/$1/$2' },
};
