// The layers of docs/architecture.md, lowest first: domain → db → services → api | web | cli.
// An import may only go down (or stay in its layer); tests, benches and scripts sit on top, apart from each other.
// Checked in `npm test` by tests/layering.test.ts (also `npm run layers`).
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name) => `^${name}/`

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules together: cut it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is the shared vocabulary: no Node built-in, no browser, no other layer.',
      from: { path: layer('domain') },
      to: { pathNot: [layer('domain'), '^node_modules/@gouvfr-anct/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure-types',
      severity: 'error',
      comment: 'domain/ does not even name types of the layers above it.',
      from: { path: layer('domain') },
      to: { path: ['^(db|services|api|web|cli|migrations|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'db-below-services',
      severity: 'error',
      comment: 'db/ holds the SQL and only uses domain/ (and itself).',
      from: { path: ['^db/', '^migrations/'] },
      to: { path: ['^(services|api|web|cli|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'services-below-entry-points',
      severity: 'error',
      comment: 'services/ (moderation, merge, sync) are called by api/ and cli/, never the reverse.',
      from: { path: layer('services') },
      to: { path: ['^(api|web|cli|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'api-not-web-or-cli',
      severity: 'error',
      comment: 'api/ serves web/dist as files; it never imports web/ sources, cli/ or test code.',
      from: { path: layer('api') },
      to: { path: ['^(web|cli|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'web-is-browser-code',
      severity: 'error',
      comment: 'web/ runs in the browser: it talks to the API over HTTP and shares only domain/.',
      from: { path: layer('web') },
      to: { path: ['^(db|services|api|cli|migrations|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'cli-uses-services-not-routes',
      severity: 'error',
      comment: 'api/ and cli/ are siblings: cli/ starts the app (app.ts, config.ts) but shares logic through services/.',
      from: { path: layer('cli') },
      to: { path: layer('api'), pathNot: ['^api/(app|config)\\.ts$'] },
    },
    {
      name: 'cli-not-web-or-tests',
      severity: 'error',
      from: { path: layer('cli') },
      to: { path: ['^(web|tests|test-support|bench|scripts)/'] },
    },
    {
      name: 'test-support-is-shared',
      severity: 'error',
      comment: 'test-support/ is used by tests/, bench/ and scripts/, so it imports none of them.',
      from: { path: layer('test-support') },
      to: { path: ['^(tests|bench|scripts)/'] },
    },
    {
      name: 'bench-not-tests',
      severity: 'error',
      comment: 'Shared helpers live in test-support/.',
      from: { path: ['^bench/', '^scripts/'] },
      to: { path: ['^tests/'] },
    },
    {
      name: 'tests-not-bench',
      severity: 'error',
      comment:
        'Shared helpers (synthetic venues, the load runner) live in test-support/. A script may be imported only by its ' +
        'own test (tests/scripts/), the way any other module is.',
      from: { path: layer('tests'), pathNot: '^tests/scripts/' },
      to: { path: ['^(bench|scripts)/'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^web/dist/', '^node_modules/', '^\\.ci/'] },
    // Type-only imports count: a type from a higher layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
}
