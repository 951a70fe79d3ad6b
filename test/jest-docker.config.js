/** Docker tests: build the image, run docker/compose.yml on a real engine (`npm run test:docker`). */
module.exports = {
  rootDir: '..',
  testRegex: 'test/docker/.*\\.docker-spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  testTimeout: 120000,
};
