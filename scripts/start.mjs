// npm start: builds Wharf, then serves VS Code in the browser (the VS Code server from
// code-server@4.100.3, bound to 127.0.0.1) with Wharf loaded from this repo in development mode.
//
// The engine is the one Wharf itself picks (src/docker/engineProbe.ts, bundled here, so there is
// no second resolver: DOCKER_HOST, DOCKER_CONTEXT, the current docker context, the usual
// sockets). When it answers, Wharf uses it and npm start creates nothing in it. When none
// answers, npm start starts a throwaway demo engine (scripts/lib/demoEngine.mjs: a private
// dockerd with sample images and containers, in a temp folder) and points the server at it.
// Ctrl-C (or SIGTERM) stops the server and the demo engine and deletes the temp folder.
//
// Wherever a demo engine can run, Wharf is also offered one on demand (scripts/lib/demoOffer.mjs:
// its URL in WHARF_DEMO_ENGINE): the *Start a Demo Engine* button of its unreachable-engine view.
// WHARF_DEMO=1 always starts the demo engine, WHARF_DEMO=0 never does (and offers none). WHARF_PORT picks the port
// (default 8080); WHARF_FOLDER the folder to open (default: where `npm start` was run);
// WHARF_VERBOSE=1 echoes the server's output. For the e2e test: --no-build skips the build,
// --data-dir DIR keeps the server's settings and state in DIR instead of the user's cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { engineProbeBuild } from './lib/bundle.mjs';
import { DEMO_PROJECT, startDemoEngine } from './lib/demoEngine.mjs';
import { offerDemoEngine } from './lib/demoOffer.mjs';
import { pointedAt } from './lib/engines.mjs';
import { createStoppers } from './lib/lifecycle.mjs';
import { provision } from './lib/provision.mjs';
import { cacheDir, ensureVSCodeServer, serverVersion, startServer, workbenchUrl } from './lib/vscodeServer.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const log = (msg) => console.log(`[wharf] ${msg}`);
const args = process.argv.slice(2);
const optionValue = (name) => { const at = args.indexOf(name); return at >= 0 ? args[at + 1] : undefined; };
const started = Date.now();
const stoppers = createStoppers('wharf');

/** The engine probe, the demo label name and the demo offer's variable, from src (see engineProbeBuild). */
async function loadFromSrc(scratch) {
  const outfile = join(scratch, 'engineProbe.cjs');
  await esbuild.build(engineProbeBuild({ root, outfile }));
  return createRequire(import.meta.url)(outfile);
}

function describeEngine(engine) {
  return `${engine.kind === 'podman' ? 'Podman' : 'Docker'} ${engine.version}`;
}

/** Starts the demo engine once (later calls share it); the same engine whoever asks first. */
function demoStarter(scratch, label) {
  let started;
  return () => started ??= (async () => {
    provision(['demo'], log);
    log(`starting a throwaway demo engine in ${scratch}`);
    const t0 = Date.now();
    const demo = await startDemoEngine(join(scratch, 'demo'), `${label}=true`, log, { register: stoppers.add });
    demo.seconds = (Date.now() - t0) / 1000;
    log(`demo engine ready in ${demo.seconds.toFixed(1)}s: ${demo.images.length} images, Compose project "${DEMO_PROJECT}" (web running, worker paused, migrate exited) and "toolbox"${demo.webUrl ? `; the web site is at ${demo.webUrl}` : ''}`);
    return demo;
  })().catch((e) => { started = undefined; throw e; });
}

/** Offers the demo engine to Wharf (WHARF_DEMO_ENGINE in the server's environment). */
async function withDemoOffer(env, startDemo, envName) {
  const offer = await offerDemoEngine(async () => (await startDemo()).host, { register: stoppers.add });
  return { ...env, [envName]: offer.url };
}

/** Decides the engine; returns the server's environment and what to say about the engine. */
async function chooseEngine(scratch) {
  const { probeEngine, DEMO_ENGINE_ENV, DEMO_ENGINE_LABEL } = await loadFromSrc(scratch);
  const demoSetting = process.env.WHARF_DEMO;
  const demoPossible = demoSetting !== '0' && process.platform === 'linux' && process.getuid?.() === 0;
  const startDemo = demoStarter(scratch, DEMO_ENGINE_LABEL);
  const probe = demoSetting === '1' ? undefined : await probeEngine({ env: process.env });
  const where = (p) => (p.endpoint ? `${p.endpoint.url} (from ${p.endpoint.source}${p.endpoint.context ? ` "${p.endpoint.context}"` : ''})` : 'no usable address');
  if (probe?.reachable) {
    return {
      env: demoPossible ? await withDemoOffer(process.env, startDemo, DEMO_ENGINE_ENV) : process.env,
      about: [`Engine: your ${describeEngine(probe.engine)} at ${where(probe)}, used as it is: npm start creates nothing in it.`],
    };
  }
  if (probe) log(`no engine answers at ${where(probe)}: ${probe.reason}`);
  if (demoSetting === '0') {
    return {
      env: process.env,
      about: ['Engine: none reachable, and WHARF_DEMO=0: no demo engine. Wharf shows why it cannot connect; the linter works without one.'],
    };
  }
  // Without WHARF_DEMO=1, a demo engine that cannot start is said, not fatal: the server still
  // serves (Wharf says why it cannot connect, and the linter needs no engine).
  const withoutDemo = (why, env = process.env) => {
    if (demoSetting === '1') throw new Error(`WHARF_DEMO=1, but ${why}`);
    return { env, about: [`Engine: none reachable, and ${why}.`, 'Start your engine (or set DOCKER_HOST) and run npm start again.'] };
  };
  if (!demoPossible) return withoutDemo('the demo engine (a private dockerd) needs Linux and root');
  let demo;
  try {
    demo = await startDemo();
  } catch (e) {
    if (stoppers.stopping()) throw e;
    // Offered all the same: Wharf's *Start a Demo Engine* tries again and says why it failed.
    return withoutDemo(`the demo engine could not start: ${e.message}`, await withDemoOffer(process.env, startDemo, DEMO_ENGINE_ENV));
  }
  return {
    env: await withDemoOffer(pointedAt(process.env, demo.host), startDemo, DEMO_ENGINE_ENV),
    about: [
      `Engine: a throwaway DEMO engine (a private dockerd at ${demo.host}, pid ${demo.pid}), not yours:`,
      `        sample images and containers to try Wharf on. Ctrl-C stops it and deletes it with everything in it.`,
    ],
  };
}

async function main() {
  if (!args.includes('--no-build')) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`the build failed (exit ${build.status ?? build.signal})`);
  }
  provision(['serve'], log);
  const serverPath = await ensureVSCodeServer({ log });
  // Short: the demo engine's socket lives below it (unix socket paths are limited to ~100 bytes).
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-start-'));
  stoppers.add(async () => rmSync(scratch, { recursive: true, force: true }));
  log(`temporary folder ${scratch} (deleted when npm start stops)`);
  const engine = await chooseEngine(scratch);

  const port = Number(process.env.WHARF_PORT ?? 8080);
  const folder = resolve(process.env.WHARF_FOLDER ?? process.env.INIT_CWD ?? root);
  // Settings and state survive restarts, outside the repo.
  const dataDir = resolve(optionValue('--data-dir') ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wharf', 'start-data'));
  const server = await startServer({
    serverPath, port, dataDir, extensionsDir: join(dataDir, 'extensions'),
    env: engine.env, log, echo: process.env.WHARF_VERBOSE === '1', register: stoppers.add,
  });

  console.log(`
Wharf is running in VS Code ${serverVersion(serverPath)} (server cached in ${cacheDir()}), ready in ${((Date.now() - started) / 1000).toFixed(1)}s.
${engine.about.join('\n')}
Open this URL in a browser on this machine (Ctrl-C to stop):

  ${workbenchUrl({ port: server.port, folder, extensionPath: root })}
`);
  await server.exited;
  if (stoppers.stopping()) return;
  throw new Error(`the VS Code server ended by itself:\n${server.output()}`);
}

try {
  await main();
} catch (e) {
  console.error(`[wharf] ${e.message ?? e}`);
  await stoppers.stopAll();
  process.exit(1);
}
