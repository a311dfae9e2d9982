// The esbuild options of the extension bundle, shared by scripts/build.mjs and the activation
// benchmark (bench/activation.bench.ts), which builds it with and without the BuildKit stand-in
// to show what leaving dockerode's BuildKit support out saves.
import { fileURLToPath } from 'node:url';

// ssh2 (pulled in by dockerode for ssh:// engines) has optional native parts esbuild cannot
// bundle; without them it falls back to pure JS.
export const nodeExternals = ['vscode', 'cpu-features', '*.node'];

// dockerode's BuildKit session (gRPC) and progress decoder are replaced by a module that throws:
// Wharf never uses them, and leaving them out takes @grpc/grpc-js and protobufjs out of the bundle.
// Why, and what happens if something calls them: scripts/lib/dockerodeWithoutBuildKit.cjs.
export const withoutBuildKit = {
  name: 'dockerode-without-buildkit',
  setup(build) {
    build.onResolve({ filter: /^\.\/(session|buildkit)$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]dockerode[\\/]lib[\\/]/.test(args.importer)) return undefined;
      return { path: fileURLToPath(new URL('./dockerodeWithoutBuildKit.cjs', import.meta.url)) };
    });
  },
};

/**
 * An esbuild plugin that turns the `import()` of a lazily loaded module into a require of its own
 * bundle beside dist/extension.js: `request` is the imported path, `importer` where the import
 * must be for it to count (any other import of the module is bundled as usual).
 */
function lazyChunk(name, chunk, request, importer) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: request }, (args) => {
        if (args.kind !== 'dynamic-import' || !importer.test(args.importer)) return undefined;
        return { path: chunk, external: true };
      });
    },
  };
}

/** esbuild options for one lazily loaded chunk: a Node CommonJS bundle of `entry`. */
function chunkBuild({ production, entry, outfile }) {
  return {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'info',
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternals,
  };
}

// The Dockerfile editing service (src/editing/service.ts, with dockerfile-language-service and its
// documentation strings) is its own bundle, dist/editing.js, read the first time a Dockerfile
// feature is asked for: the UI's `import('../../editing/service')` becomes a require of the file
// beside dist/extension.js. Activation stays as small as before for a window without Dockerfiles.
export const EDITING_CHUNK = './editing.js';
export const editingChunk = lazyChunk('editing-chunk', EDITING_CHUNK, /[\\/]editing[\\/]service$/, /[\\/]src[\\/]ui[\\/]/);

/** Options for dist/editing.js, the lazily loaded editing service (its own copy of dockerfile-ast). */
export function editingBuild({ production, outfile = 'dist/editing.js' }) {
  return chunkBuild({ production, entry: 'src/editing/service.ts', outfile });
}

// BuildKit builds (src/docker/buildkit/: the /session server and the status decoder) are their own
// bundle, dist/buildkit.js, required by src/docker/build.ts on the first BuildKit build only, so
// activation does not pay for them. The chunk uses Node's http2 and a hand-written protobuf reader,
// not dockerode's gRPC session (which the stand-in above keeps out of both bundles).
export const BUILDKIT_CHUNK = './buildkit.js';
export const buildKitChunk = lazyChunk('buildkit-chunk', BUILDKIT_CHUNK, /^\.\/buildkit\/build$/, /[\\/]src[\\/]docker[\\/]build\.ts$/);

/** Options for dist/buildkit.js, the lazily loaded BuildKit build. */
export function buildKitBuild({ production, outfile = 'dist/buildkit.js' }) {
  return chunkBuild({ production, entry: 'src/docker/buildkit/build.ts', outfile });
}

// The compose file checker (src/docker/composeSchema.ts: Ajv and the Compose Specification's
// schema, ~0.2 MB) is its own bundle too, dist/composeCheck.js, read when the first compose file
// opens. The schema comes from the dclint package, whose `exports` do not list it: resolved by path.
export const COMPOSE_CHECK_CHUNK = './composeCheck.js';
export const composeCheckChunk = lazyChunk('compose-check-chunk', COMPOSE_CHECK_CHUNK, /[\\/]docker[\\/]composeSchema$/, /[\\/]src[\\/]ui[\\/]/);
const composeSchemaFile = {
  name: 'compose-schema-file',
  setup(build) {
    build.onResolve({ filter: /^dclint\/schemas\/compose\.schema\.json$/ }, () => ({ path: fileURLToPath(new URL('../../node_modules/dclint/schemas/compose.schema.json', import.meta.url)) }));
  },
};

/** Options for dist/composeCheck.js, the lazily loaded compose file checker. */
export function composeCheckBuild({ production, outfile = 'dist/composeCheck.js' }) {
  return { ...chunkBuild({ production, entry: 'src/docker/composeSchema.ts', outfile }), plugins: [composeSchemaFile] };
}

/**
 * Options for dist/extension.js. For comparison only (bench/activation.bench.ts): `buildKit: true`
 * bundles dockerode whole, `buildKitInline: true` puts Wharf's BuildKit build into the bundle.
 */
export function extensionBuild({ production, outfile = 'dist/extension.js', buildKit = false, buildKitInline = false }) {
  const chunks = buildKitInline ? [editingChunk, composeCheckChunk] : [editingChunk, buildKitChunk, composeCheckChunk];
  return {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'info',
    entryPoints: ['src/extension.ts'],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternals,
    plugins: buildKit ? chunks : [withoutBuildKit, ...chunks],
    // import() of the editing, BuildKit and compose-check chunks as a plain require: the extension host loads CommonJS.
    supported: { 'dynamic-import': false },
  };
}

/**
 * What `npm start` needs from src, bundled for plain Node into `outfile` (CommonJS): the engine
 * probe (the extension's own endpoint resolution) and the demo engine's label name.
 */
export function engineProbeBuild({ root, outfile }) {
  return {
    stdin: {
      contents: "export { probeEngine } from './src/docker/engineProbe';\nexport { DEMO_ENGINE_ENV, DEMO_ENGINE_LABEL } from './src/ui/display/engineText';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'engineProbe-entry.ts',
    },
    bundle: true,
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: nodeExternals,
    plugins: [withoutBuildKit],
    logLevel: 'warning',
  };
}
