// @ts-check
import tseslint from 'typescript-eslint';

/** Roles talk to each other over HTTP through clients; they import only shared/ and config/. */
const ROLES = ['frontend', 'catalog', 'order'];
const forbid = (folders, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: folders.map((f) => `**/${f}/**`), message: why }] }],
});
const roleBoundaries = [
  ...ROLES.map((role) => ({
    files: [`src/${role}/**/*.ts`],
    rules: forbid(
      ROLES.filter((other) => other !== role),
      'a role imports only shared/ and config/; reach another role over HTTP through a client',
    ),
  })),
  {
    files: ['src/shared/**/*.ts', 'src/config/**/*.ts'],
    rules: forbid(ROLES, 'shared/ and config/ serve every role and import none'),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.config.js', 'eslint.config.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Heartbeat and replication code is where a dropped promise hides.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...roleBoundaries,
);
