/** Three projects: pure unit tests run alone; workflow and API tests share one set of real servers. */
// Tests log warnings and errors only, unless LOG_LEVEL asks for more (jest's workers inherit it).
process.env.LOG_LEVEL ??= 'warn';
const ts = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = { testEnvironment: 'node', transform: ts, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    // Real Chromium against the real stack serving the built web app (test/support/browser.ts).
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
