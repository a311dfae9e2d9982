// The shipped package, as a user gets it: the .vsix that `npm run package` builds, installed with
// the VS Code server's own CLI into a fresh extensions dir, and a workbench that runs only
// installed extensions (no development payload, no smoke-test driver: real modal dialogs, and
// workspace trust is asked). A file left out of the .vsix, a bundle that fails to load or a
// webview page without its script then fails the e2e tier instead of reaching users.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from './lifecycle.mjs';
import { installExtension, installedWorkbenchUrl, startServer } from './vscodeServer.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);

export function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/**
 * Builds the .vsix at `out` exactly as `npm run package` does (this is its only vsce invocation).
 * vsce first runs the manifest's vscode:prepublish, the production build, so dist/ is left minified
 * and without sourcemaps: restoreDevelopmentBuild() puts the development build back.
 */
export async function packageVsix(out) {
  await run(process.execPath, [
    join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package',
    '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out,
  ]);
  return { path: out, bytes: statSync(out).size };
}

/** The development build back in dist/ (what the other tiers, `npm start` and F5 expect). */
export async function restoreDevelopmentBuild() {
  await run('npm', ['run', '--silent', 'build']);
}

/**
 * Installs `vsix` into `<scratch>/extensions` with the server's CLI, then serves a workbench for
 * installed extensions on a free 127.0.0.1 port. The caller owns the returned stop() and scratch.
 */
export async function startInstalledWorkbench({ serverPath, vsix, scratch, folder, env, log = () => {} }) {
  const extensionsDir = join(scratch, 'extensions');
  await installExtension({ serverPath, vsix, extensionsDir, dataDir: join(scratch, 'install'), log });
  const server = await startServer({ serverPath, port: 0, dataDir: join(scratch, 'data'), extensionsDir, env, log, developmentMode: false });
  return { ...server, extensionsDir, workbenchUrl: installedWorkbenchUrl({ port: server.port, folder }) };
}
