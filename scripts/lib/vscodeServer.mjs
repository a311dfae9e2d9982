// A real VS Code, offline: the VS Code server (1.100.3) inside the npm package code-server@4.100.3.
// Installed once per machine into a cache folder outside the repo (keyed by version), following
// the recipe verified in ENVIRONMENT.md; started per test run on 127.0.0.1.
import { existsSync, mkdirSync, rmSync, renameSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { onStop, spawnGroup } from './lifecycle.mjs';
import { describeMissing, missingPackages } from './provision.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const MARKER = '.wharf-install-complete';

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'wharf', `code-server-${CODE_SERVER_VERSION}`);
}

function vscodeDir(root) {
  return join(root, 'node_modules', 'code-server', 'lib', 'vscode');
}

/** Runs a command to completion; its output goes to our log only when it fails (installs are chatty). */
async function run(cmd, args, cwd, log, extraEnv = {}) {
  log(`  $ (${cwd}) ${cmd} ${args.join(' ')}`);
  // A group of its own: a Ctrl-C mid-install also stops npm's node-gyp and compiler children.
  const { child, exited, stop } = spawnGroup(cmd, args, { cwd, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => { output = (output + chunk.toString()).slice(-20000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await exited;
  await stop();
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output}`);
}

/**
 * Returns the absolute path of a ready VS Code server folder (the one holding out/server-main.js).
 * Fast when cached: the marker file is written only after a complete install, and the install
 * happens in a temporary sibling folder that is renamed into place at the end, so an interrupted
 * install is never mistaken for a finished one.
 */
export async function ensureVSCodeServer({ log = () => {} } = {}) {
  // Callers provision 'serve' first (installing as root); this only names what is still missing.
  const missing = missingPackages(['serve']);
  if (missing.length) throw new Error(`The VS Code server needs ${describeMissing(missing)}`);
  const root = cacheDir();
  if (existsSync(join(root, MARKER))) return vscodeDir(root);

  log(`installing code-server@${CODE_SERVER_VERSION} (VS Code server) into ${root} — about 2–3 minutes, once`);
  const t0 = Date.now();
  const tmp = `${root}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // An interrupted install leaves no half-filled folder behind (the rename below empties tmp).
  const removeTmp = onStop(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'wharf-vscode-server', private: true }));
    // --ignore-scripts: code-server's postinstall downloads ripgrep from GitHub, unreachable here.
    await run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], tmp, log);
    const vscode = vscodeDir(tmp);
    await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscode, log);
    // @vscode/ripgrep's postinstall skips its download when bin/ exists: use Debian's rg.
    const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgBin, { recursive: true });
    if (!existsSync(join(rgBin, 'rg'))) symlinkSync('/usr/bin/rg', join(rgBin, 'rg'));
    // Native modules (node-pty runs `npx node-gyp`, hence npm_config_yes).
    await run('npm', ['rebuild'], vscode, log, { npm_config_yes: 'true' });
    // The server resolves some modules through node_modules.asar (an Electron-ism).
    if (!existsSync(join(vscode, 'node_modules.asar'))) symlinkSync('node_modules', join(vscode, 'node_modules.asar'));
    await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], join(vscode, 'extensions'), log);
    // code-server's own CLI needs argon2 (the bare VS Code server does not; cheap to keep it whole).
    await run('npm', ['rebuild', 'argon2'], tmp, log);
    if (!existsSync(join(vscode, 'out', 'server-main.js'))) throw new Error(`install finished but ${vscode}/out/server-main.js is missing`);
    writeFileSync(join(tmp, MARKER), JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, '..'), { recursive: true });
    renameSync(tmp, root);
  } finally {
    await removeTmp();
  }
  log(`VS Code server installed in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  return vscodeDir(root);
}

/** The VS Code version the cached server runs (from its product.json), for logs. */
export function serverVersion(serverPath) {
  try { return JSON.parse(readFileSync(join(serverPath, 'product.json'), 'utf8')).version ?? 'unknown'; } catch { return 'unknown'; }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The workbench URL that opens `folder` and loads the extension at `extensionPath` in development
 * mode; with `testsPath`, VS Code also runs that module's run() and then calls codeAutomationExit.
 * The payload keys are honoured only because the server runs with --enable-smoke-test-driver.
 */
export function workbenchUrl({ port, folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://localhost:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  // localhost, not 127.0.0.1: webviews need service workers, which run only on https or localhost.
  return `http://localhost:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The workbench URL that opens `folder` with only the extensions installed in the server's extensions dir. */
export function installedWorkbenchUrl({ port, folder }) {
  return `http://localhost:${port}/?folder=${encodeURIComponent(folder)}`;
}

/**
 * Installs a .vsix into `extensionsDir` with the server's own CLI (the same code path as
 * `code --install-extension`); its logs go to `dataDir`, never to ~/.vscode-server-oss.
 */
export async function installExtension({ serverPath, vsix, extensionsDir, dataDir, log = () => {} }) {
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  await run(process.execPath, [
    join(serverPath, 'out', 'server-main.js'), '--install-extension', vsix, '--force',
    '--accept-server-license-terms',
    '--extensions-dir', extensionsDir,
    '--server-data-dir', join(dataDir, 'server'), '--user-data-dir', join(dataDir, 'user'),
  ], dataDir, log);
}

/**
 * Starts server-main.js on 127.0.0.1 and resolves once it answers HTTP. `env` is the server's
 * environment, which the extension host it spawns inherits. `port` 0 picks a free port.
 * `developmentMode` (the default) is the test bed for the payload of workbenchUrl: the smoke-test
 * driver honours extensionDevelopmentPath but refuses modal dialogs, and workspace trust is off.
 * Without it the server is what a user runs: installed extensions only, real dialogs, trust asked.
 * Its stop is registered with onStop() (lifecycle.mjs) as soon as the process exists, and handed
 * to `register(stop)` then too; the result's `exited` settles when the server ends, whoever ended it.
 */
export async function startServer({ serverPath, port = 0, dataDir, extensionsDir, env = process.env, log = () => {}, echo = false, readyTimeoutMs = 60000, developmentMode = true, register = () => {} }) {
  const chosen = port || await freePort();
  mkdirSync(join(dataDir, 'server'), { recursive: true });
  mkdirSync(join(dataDir, 'user'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    join(serverPath, 'out', 'server-main.js'),
    '--host', '127.0.0.1', '--port', String(chosen),
    '--without-connection-token',
    ...(developmentMode ? ['--enable-smoke-test-driver', '--disable-workspace-trust'] : []),
    '--accept-server-license-terms', '--disable-telemetry',
    '--server-data-dir', join(dataDir, 'server'),
    '--user-data-dir', join(dataDir, 'user'),
    '--extensions-dir', extensionsDir,
  ];
  // Its own process group, stopped as one: the server spawns extension hosts and pty hosts.
  const { child, exited: exitPromise, stop } = spawnGroup(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: 'SIGTERM', graceMs: 5000 });
  let tail = '';
  const onOutput = (chunk) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-8000);
    if (echo) process.stdout.write(text.replace(/^/gm, '[vscode-server] '));
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  let exited = null;
  exitPromise.then((how) => { exited = how; });
  register(stop);

  const url = `http://localhost:${chosen}/`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`VS Code server exited (${exited}) before answering:\n${tail}`);
    try {
      const res = await fetch(`http://127.0.0.1:${chosen}/version`, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`VS Code server did not answer on port ${chosen} within ${readyTimeoutMs / 1000}s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`VS Code server ${serverVersion(serverPath)} listening on ${url}`);
  return { url, port: chosen, pid: child.pid, stop, exited: exitPromise, output: () => tail };
}
