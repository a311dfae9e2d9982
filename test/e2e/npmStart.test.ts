// `npm start` where no engine answers, end to end: run with DOCKER_HOST pointing nowhere (so
// neither the tier's engine nor any other is found; --no-build: the tier has built), it starts
// its demo engine and prints a URL; the workbench there lists the demo containers and its Engine
// view says it is the demo engine; Ctrl-C (SIGINT to the job's process group, as a terminal
// sends it) stops the VS Code server and the demo engine and leaves nothing behind.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openWharf, openWorkbench, paneHeader, screenshot, widenSideBar, type Workbench } from './workbench';

const repoRoot = resolve(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolveAnswer(true); });
    socket.once('error', () => resolveAnswer(false));
  });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Command lines of every process on the machine (NUL-separated arguments). */
function commandLines(): string[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try { return [readFileSync(`/proc/${pid}/cmdline`, 'utf8')]; } catch { return []; }
  });
}

/** Polls `done` (a state, not a duration) until it holds; the test's timeout bounds the wait. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 100));
}

/** The output of `npm start`, and a way to wait for a line in it (rejects when it exits first). */
class Job {
  output = '';
  exit: Promise<number | string>;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly child: ChildProcess) {
    const take = (chunk: Buffer): void => {
      this.output += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    this.exit = new Promise((resolveExit) => child.on('exit', (code, signal) => {
      resolveExit(code ?? signal ?? 'unknown');
      for (const wake of this.waiters.splice(0)) wake();
    }));
  }

  async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`npm start ended before printing ${pattern}:\n${this.output}`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }
}

function containersPane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Containers$/i }) });
}

function enginePane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Engine$/i }) });
}

function imagesPane(page: Page): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: /^Images$/i }) });
}

/** Drags the side bar's `index`th sash between views to just below `lastRow`. */
async function dragSashBelow(page: Page, index: number, lastRow: Locator): Promise<void> {
  const sash = await page.locator('.part.sidebar .monaco-sash.horizontal').nth(index).boundingBox();
  const row = await lastRow.boundingBox();
  if (!sash || !row) throw new Error('the sash or the row is not shown');
  await page.mouse.move(sash.x + sash.width / 2, sash.y + sash.height / 2);
  await page.mouse.down();
  await page.mouse.move(sash.x + sash.width / 2, row.y + row.height + 8, { steps: 5 });
  await page.mouse.up();
}

function containerRow(page: Page, name: string): Locator {
  return containersPane(page).locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
}

describe('npm start without a reachable engine', function () {
  this.timeout(240_000);
  const scratch = mkdtempSync(join(tmpdir(), 'wharf-e2e-start-'));
  let job: Job | undefined;
  let wb: Workbench | undefined;
  let port = 0;
  let startedAt = 0;
  let demo: { folder: string; pid: number; bridge: string } | undefined;

  before(async () => {
    port = await freePort();
    const workspace = join(scratch, 'workspace');
    mkdirSync(workspace);
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: 'unix:///nonexistent', WHARF_PORT: String(port), WHARF_FOLDER: workspace };
    for (const name of ['WHARF_DEMO', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'WHARF_VERBOSE']) delete env[name];
    startedAt = Date.now();
    // detached: a process group of its own, like a job in a terminal, so SIGINT reaches npm and
    // the script as Ctrl-C would.
    job = new Job(spawn('npm', ['start', '--', '--no-build', '--data-dir', join(scratch, 'data')], {
      cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    }));
  });

  after(async () => {
    // What npm start said is the first thing to read when a step here failed.
    if (!demo) console.log(`      npm start's output:\n${job?.output ?? '(none)'}`);
    await wb?.close();
    // A failed step leaves npm start running: stop it the way a user would, and wait for it.
    if (job && job.child.exitCode === null && job.child.signalCode === null) {
      try { process.kill(-job.child.pid!, 'SIGINT'); } catch { /* already gone */ }
      await job.exit;
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts a demo engine, and the workbench at the printed URL shows its containers and says it is a demo', async () => {
    const [, folder] = await job!.waitFor(/temporary folder (\S+) /);
    const [, bridge] = await job!.waitFor(/dockerd up on unix:\/\/\S+ \(bridge ([^,\s)]+)/);
    const [, pid] = await job!.waitFor(/a throwaway DEMO engine \(a private dockerd at \S+, pid (\d+)\)/);
    demo = { folder, pid: Number(pid), bridge };
    const [, url] = await job!.waitFor(/^ {2}(http:\/\/localhost:\d+\/\?folder=\S+)$/m);
    assert.ok(url.startsWith(`http://localhost:${port}/`), `served on WHARF_PORT ${port}: ${url}`);

    wb = await openWorkbench(url);
    const { page } = wb;
    await openWharf(page);
    await widenSideBar(page, 460);
    // The Compose project's three services and the standalone container, each in its state.
    await containerRow(page, 'shop-web-1').locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: 60_000 });
    await containerRow(page, 'shop-worker-1').locator('.codicon-debug-pause').waitFor({ state: 'visible' });
    await containerRow(page, 'shop-migrate-1').locator('.codicon-vm-outline').waitFor({ state: 'visible' });
    await containerRow(page, 'toolbox').locator('.codicon-vm-running').waitFor({ state: 'visible' });
    console.log(`      npm start → demo rows visible: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    const engineHeader = paneHeader(page, 'Engine');
    if ((await engineHeader.getAttribute('aria-expanded')) !== 'true') await engineHeader.click();
    const demoRow = enginePane(page).locator('[role=treeitem]').filter({ hasText: 'Demo engine' });
    await demoRow.waitFor({ state: 'visible' });
    assert.match(await demoRow.innerText(), /started by npm start, removed when it stops/);

    // For the picture: Containers and Images just as tall as their rows, the rest to the Engine
    // view; the focus off the Engine view's header; no hover.
    await dragSashBelow(page, 0, containerRow(page, 'toolbox'));
    await dragSashBelow(page, 1, imagesPane(page).locator('[role=treeitem]').filter({ hasText: 'wharf-demo/jobs' }));
    await page.locator('.part.editor').click({ position: { x: 40, y: 40 } });
    await page.mouse.move(640, 789);
    await page.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached' });
    await enginePane(page).locator('[role=treeitem]').filter({ hasText: /^runc/ }).waitFor({ state: 'visible' });
    await screenshot(page, 'npm-start-demo');
  });

  it('Ctrl-C stops the server and the demo engine and deletes its folder', async () => {
    assert.ok(demo, 'the first test found the demo engine');
    assert.ok(alive(demo.pid) && existsSync(demo.folder), 'the demo engine runs until Ctrl-C');
    await wb?.close();
    wb = undefined;
    const stopAt = Date.now();
    process.kill(-job!.child.pid!, 'SIGINT');
    await job!.exit;
    // The job is over when its process group is empty: npm and the script, which exits once
    // everything it started is stopped.
    await until(() => !alive(-job!.child.pid!));
    console.log(`      Ctrl-C → stopped: ${((Date.now() - stopAt) / 1000).toFixed(1)} s`);
    assert.match(job!.output, /SIGINT: stopping everything started/);
    assert.equal(alive(demo.pid), false, 'dockerd is gone');
    assert.equal(existsSync(demo.folder), false, 'the temporary folder is deleted');
    assert.notEqual(spawnSync('ip', ['link', 'show', demo.bridge], { stdio: 'ignore' }).status, 0, `the bridge ${demo.bridge} is deleted`);
    assert.equal(await listening(port), false, 'the VS Code server no longer listens');
    const left = commandLines().filter((c) => c.includes(demo!.folder) || c.includes(`--port\0${port}\0`));
    assert.deepEqual(left.map((c) => c.replace(/\0/g, ' ')), [], 'no process of npm start is left (dockerd, containerd, shims, server)');
  });
});
