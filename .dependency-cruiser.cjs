/**
 * The boundaries of the code, checked by `npm run lint` (and by apps/api/src/boundaries.test.ts, which
 * also proves that each rule can fail). Decision 010 says why each exists.
 */
const TESTS = ['\\.test\\.tsx?$', '^apps/api/test/', '^e2e/', '\\.test\\.mjs$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules and files do not import each other in a circle (type-only imports included).',
      severity: 'error',
      from: { path: '^(apps|packages)/', pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'api-module-through-its-face',
      comment:
        "An API module is reached only through its index.ts: another module's internal file is not imported.",
      severity: 'error',
      from: { path: '^apps/api/src/modules/([^/]+)/', pathNot: TESTS },
      to: {
        path: '^apps/api/src/modules/[^/]+/',
        pathNot: ['^apps/api/src/modules/$1/', '^apps/api/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'api-outside-modules-through-faces',
      comment: 'app.ts, workers, the seed, the CLI and plugins reach modules through their index.ts too.',
      severity: 'error',
      from: { path: '^apps/api/src/', pathNot: ['^apps/api/src/modules/', ...TESTS] },
      to: { path: '^apps/api/src/modules/[^/]+/', pathNot: '^apps/api/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'nothing-imports-app',
      comment:
        'app.ts imports every module: only the entry points (main.ts, cli/openapi.ts) and tests import it; shared types are in deps.ts.',
      severity: 'error',
      from: { pathNot: ['^apps/api/src/(main|cli/openapi)\\.ts$', ...TESTS] },
      to: { path: '^apps/api/src/app\\.ts$' },
    },
    {
      name: 'services-hold-no-sql',
      comment: "A service states rules and access; its module's queries file holds the SQL and the tables.",
      severity: 'error',
      from: { path: '^apps/api/src/modules/.+\\.service\\.ts$' },
      to: { path: ['^apps/api/src/db/schema', 'node_modules/drizzle-orm'] },
    },
    {
      name: 'routes-call-services',
      comment: 'Routes are HTTP only: they call services, never queries.',
      severity: 'error',
      from: { path: '^apps/api/src/modules/.+\\.routes\\.ts$' },
      to: { path: ['\\.queries\\.ts$', '^apps/api/src/db/schema', 'node_modules/drizzle-orm'] },
    },
    {
      name: 'web-feature-stays-in-its-folder',
      comment: 'A web feature does not import another feature: what two share goes to components/ or lib/.',
      severity: 'error',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: { path: '^apps/web/src/features/', pathNot: '^apps/web/src/features/$1/' },
    },
    {
      name: 'web-shared-code-stays-generic',
      comment: 'components/ and lib/ of the web app do not import features.',
      severity: 'error',
      from: { path: '^apps/web/src/(components|lib)/' },
      to: { path: '^apps/web/src/features/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a typo in a path is caught here too).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/', '^apps/api/src/db/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
