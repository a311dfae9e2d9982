// Bundles the extension, the wharf-lint CLI and the webview pages with esbuild.
// --production minifies and drops sourcemaps; --watch rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, rmSync } from 'node:fs';

import { execFileSync } from 'node:child_process';
import { buildKitBuild, composeCheckBuild, editingBuild, extensionBuild, nodeExternals } from './lib/bundle.mjs';
execFileSync(process.execPath, ['scripts/gen-rule-index.mjs'], { stdio: 'inherit' });

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
};

const builds = [
  extensionBuild({ production }),
  editingBuild({ production }),
  buildKitBuild({ production }),
  composeCheckBuild({ production }),
  { ...common, entryPoints: ['src/lint/cli.ts'], outfile: 'dist/wharf-lint.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals, banner: { js: '#!/usr/bin/env node' } },
];
// Webview page scripts (browser) live in src/webview/<page>/main.ts.
for (const page of ['inspect', 'stats']) {
  const entry = `src/webview/${page}/main.ts`;
  if (existsSync(entry)) {
    builds.push({ ...common, entryPoints: [entry], outfile: `dist/webview/${page}.js`, platform: 'browser', format: 'esm', target: 'es2022' });
  }
}

// A production build starts from an empty dist/ so no development sourcemap ends up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

const present = builds.filter((b) => existsSync(b.entryPoints[0]));
if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
  if (existsSync('dist/wharf-lint.js')) chmodSync('dist/wharf-lint.js', 0o755);
}
