/**
 * Unit tests: *.spec.ts beside the code, no network. The catalog's specs also run against a
 * throw-away PostgreSQL server that the global setup starts (and the teardown removes).
 */
module.exports = {
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/../test/silence-nest-logs.ts'],
  globalSetup: '<rootDir>/../test/unit-global-setup.ts',
  globalTeardown: '<rootDir>/../test/unit-global-teardown.ts',
};
