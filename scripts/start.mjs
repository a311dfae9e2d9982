// npm start: builds Wharf, then serves VS Code in the browser (the VS Code server from
// code-server@4.100.3, bound to 127.0.0.1) with Wharf loaded from this repo in development mode,
// against the user's own engine (whatever DOCKER_HOST / docker context they use: left untouched).
// WHARF_PORT picks the port (default 8080); WHARF_FOLDER the folder to open (default: where
// `npm start` was run). Ctrl-C stops the server.
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheDir, ensureVSCodeServer, startServer, workbenchUrl } from './lib/vscodeServer.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const log = (msg) => console.log(`[wharf] ${msg}`);

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const serverPath = await ensureVSCodeServer({ log });
const port = Number(process.env.WHARF_PORT ?? 8080);
const folder = resolve(process.env.WHARF_FOLDER ?? process.env.INIT_CWD ?? root);
// Settings and state survive restarts, outside the repo.
const dataDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wharf', 'start-data');

const server = await startServer({
  serverPath, port, dataDir, extensionsDir: join(dataDir, 'extensions'),
  env: process.env, log, echo: process.env.WHARF_VERBOSE === '1',
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping the VS Code server`);
  await server.stop();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));

console.log(`
Wharf is running in VS Code ${'(server cached in ' + cacheDir() + ')'}.
Open this URL in a browser on this machine (Ctrl-C to stop):

  ${workbenchUrl({ port: server.port, folder, extensionPath: root })}
`);
