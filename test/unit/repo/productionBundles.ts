// The production bundles as scripts/lib/bundle.mjs makes them, built in memory once per run and
// shared by the repo checks that look inside them: each production build of dist/extension.js
// takes seconds, and every lazily loaded chunk's check needs it.
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
// tsc compiles import() to require() under CommonJS; the build options are an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface Esbuild { build(options: object): Promise<{ outputFiles: { text: string }[] }> }
type Build = 'extensionBuild' | 'editingBuild' | 'buildKitBuild' | 'composeCheckBuild';
export type BundleOptions = Record<Build, (o: { production: boolean }) => object> & { EDITING_CHUNK: string; BUILDKIT_CHUNK: string; COMPOSE_CHECK_CHUNK: string };

let options: Promise<BundleOptions> | undefined;
const built = new Map<Build, Promise<string>>();

/** scripts/lib/bundle.mjs, the build options and chunk names. */
export function bundleOptions(): Promise<BundleOptions> {
  options ??= importEsm(join(root, 'scripts/lib/bundle.mjs')) as Promise<BundleOptions>;
  return options;
}

/** The text of one production bundle, built once. */
export function productionBundle(build: Build): Promise<string> {
  let text = built.get(build);
  if (!text) {
    text = (async () => {
      const esbuild = await importEsm('esbuild') as Esbuild;
      const result = await esbuild.build({ ...(await bundleOptions())[build]({ production: true }), absWorkingDir: root, write: false, logLevel: 'silent', sourcemap: false });
      return result.outputFiles[0].text;
    })();
    built.set(build, text);
  }
  return text;
}
