// Recovery without an engine, in the real VS Code with Wharf pointed at bad addresses through its
// settings: one state in the Containers view's welcome content (the lines its when-clauses pick
// from the context keys Wharf sets, read from package.json as the workbench reads them), the
// ways out (Retry once the engine answers, Open Settings in the right tab, Select Context, the
// demo engine offer), and engine commands that say "not connected" instead of acting on nothing.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { contextDigest } from '../../../src/docker/connect';
import type { WharfApi } from '../../../src/extension';
import { DEMO_ENGINE_ENV } from '../../../src/ui/display/engineText';
import { SocketProxy } from '../../engine/socketProxy';
import { until, wharf } from './explorerSupport';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { viewsWelcome: { view: string; contents: string; when?: string }[] } };
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Whether a when-clause of the forms the welcome entries use (`a == b`, `a`, `!a`, joined by && / ||) holds. */
function holds(when: string | undefined, keys: Readonly<Record<string, unknown>>): boolean {
  if (!when) return true;
  return when.split('||').some((alternative) => alternative.split('&&').every((term) => {
    const t = term.trim();
    const eq = /^([^\s=]+)\s*==\s*(\S+)$/.exec(t);
    if (eq) return String(keys[eq[1]] ?? '') === eq[2];
    if (t.startsWith('!')) return !keys[t.slice(1)];
    return Boolean(keys[t]);
  }));
}

/** The welcome text a view shows for the keys Wharf set, entry by entry, in contribution order. */
function welcome(api: WharfApi, view: string): string[] {
  return manifest.contributes.viewsWelcome
    .filter((entry) => entry.view === view && holds(entry.when, api.views.contextKeys))
    .map((entry) => nls[entry.contents.replace(/^%|%$/g, '')] ?? entry.contents);
}

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('wharf');

async function pointAt(api: WharfApi, key: 'engine.host' | 'engine.context', value: string, target = vscode.ConfigurationTarget.Global): Promise<void> {
  const before = api.sessions.current;
  await settings().update(key, value, target);
  await until(api, `the session for ${key} = ${value}`, () => api.sessions.current !== before && api.sessions.current.store.connection.status === 'unreachable');
}

async function restore(api: WharfApi): Promise<void> {
  for (const key of ['engine.host', 'engine.context']) {
    await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await settings().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
  await until(api, 'connected again', () => api.sessions.current.store.connection.status === 'connected');
  await api.sessions.current.store.ready();
}

describe('recovery without an engine', function () {
  let api: WharfApi;
  let scratch: string;

  before(async () => { api = await wharf(); });
  beforeEach(() => { scratch = mkdtempSync(join(tmpdir(), 'wr-')); api.prompts.reset(); });
  afterEach(async () => {
    api.prompts.reset();
    await restore(api);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a missing socket: one welcome in Containers saying the setting, the cause and the ways out; the other views quiet; no view message', async () => {
    const socket = join(scratch, 'engine.sock');
    await pointAt(api, 'engine.host', `unix://${socket}`);
    assert.equal(api.views.contextKeys['wharf.engine.cause'], 'noSocket');
    assert.equal(api.views.contextKeys['wharf.engine.source'], 'setting');
    const lines = welcome(api, 'wharf.containers');
    assert.match(lines.join('\n'), /No container engine answers/);
    assert.ok(lines.some((l) => /wharf\.engine\.host setting/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /not running, as no socket exists/.test(l)), lines.join('\n'));
    assert.ok(!lines.some((l) => /systemctl|sudo/.test(l)), 'no service commands for a missing socket');
    const buttons = lines.join('\n').match(/^\[[^\]]+\]\(command:[^)]+\)$/gm) ?? [];
    assert.deepEqual(buttons.map((b) => /^\[([^\]]+)\]/.exec(b)![1]), ['Retry', 'Open Settings', 'Select Context', 'Start a Demo Engine']);
    assert.equal(api.views.containersView.description, `unix://${socket}`, 'the address tried, beside the title');
    for (const view of [api.views.containersView, api.views.imagesView, api.views.volumesView, api.views.networksView]) {
      assert.ok(!view.message, 'a view message would hide the welcome content');
    }
    for (const view of ['wharf.images', 'wharf.volumes', 'wharf.networks', 'wharf.engine']) {
      assert.deepEqual(welcome(api, view), ['Not connected to an engine: see the Containers view.'], view);
    }
  });

  it('says typo for a path unlike a socket, a bad scheme, a refused socket and a missing context', async () => {
    const cases: { key: 'engine.host' | 'engine.context'; value: string; cause: string; source: string; line: RegExp }[] = [
      { key: 'engine.host', value: `unix://${join(scratch, 'no-such-folder', 'docker.sock')}`, cause: 'badPath', source: 'setting', line: /a typo/ },
      { key: 'engine.host', value: 'unix:/var/run/docker.sock', cause: 'badAddress', source: 'setting', line: /a typo in the address/ },
      { key: 'engine.host', value: `unix://${join(scratch, 'plain.sock')}`, cause: 'refused', source: 'setting', line: /connection was refused/ },
      { key: 'engine.context', value: 'wharf-no-such-context', cause: 'noContext', source: 'settingContext', line: /context does not exist/ },
    ];
    writeFileSync(join(scratch, 'plain.sock'), 'a file where a socket should be');
    for (const c of cases) {
      await pointAt(api, c.key, c.value);
      assert.equal(api.views.contextKeys['wharf.engine.cause'], c.cause, c.value);
      assert.equal(api.views.contextKeys['wharf.engine.source'], c.source, c.value);
      assert.ok(welcome(api, 'wharf.containers').some((l) => c.line.test(l)), `${c.value}: ${welcome(api, 'wharf.containers').join(' | ')}`);
      await settings().update(c.key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Retry connects once the engine answers at the address', async () => {
    const socket = join(scratch, 'engine.sock');
    await pointAt(api, 'engine.host', `unix://${socket}`);
    const proxy = new SocketProxy((process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, ''), socket);
    await proxy.listen();
    try {
      assert.equal(await vscode.commands.executeCommand('wharf.engine.retry'), 'connected');
      assert.equal(api.views.contextKeys['wharf.engine.status'], 'connected');
      assert.equal(api.views.containersView.description, undefined);
      assert.deepEqual(welcome(api, 'wharf.containers').filter((l) => /No container engine/.test(l)), []);
    } finally {
      await settings().update('engine.host', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  it('engine commands say "not connected" with the ways out instead of acting on nothing', async () => {
    await pointAt(api, 'engine.host', `unix://${join(scratch, 'engine.sock')}`);
    for (const command of ['wharf.image.run', 'wharf.image.remove', 'wharf.container.logs', 'wharf.prune']) {
      api.prompts.reset();
      assert.equal(await vscode.commands.executeCommand(command), undefined, command);
      assert.deepEqual(api.prompts.asked.map((q) => q.kind), ['error'], `${command} asks nothing else (no pick of an empty list)`);
      const [notice] = api.prompts.asked;
      assert.match(notice.message, /not connected to an engine: .*no container engine is reachable/i, command);
      assert.deepEqual(notice.choices, ['Retry', 'Open Settings', 'Select Context', 'Start a Demo Engine'], command);
    }
  });

  it('Open Settings opens the tab where the engine setting lives: Remote in this browser window, else Workspace', async () => {
    assert.ok(vscode.env.remoteName, 'the host tier runs in a browser window of a VS Code server');
    await pointAt(api, 'engine.host', `unix://${join(scratch, 'engine.sock')}`);
    assert.equal(await vscode.commands.executeCommand('wharf.openSettings'), 'workbench.action.openRemoteSettings');
    await settings().update('engine.host', undefined, vscode.ConfigurationTarget.Global);
    await pointAt(api, 'engine.host', `unix://${join(scratch, 'other.sock')}`, vscode.ConfigurationTarget.Workspace);
    assert.equal(await vscode.commands.executeCommand('wharf.openSettings'), 'workbench.action.openWorkspaceSettings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Select Context lists the docker contexts and connects to the one picked', async () => {
    const config = join(scratch, 'docker-config');
    const meta = join(config, 'contexts', 'meta', contextDigest('wharf-test-context'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'wharf-test-context', Metadata: { Description: 'the test engine' }, Endpoints: { docker: { Host: process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST } } }));
    const before = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = config;
    try {
      await pointAt(api, 'engine.host', `unix://${join(scratch, 'engine.sock')}`);
      api.prompts.answerNext('wharf-test-context');
      assert.equal(await vscode.commands.executeCommand('wharf.engine.selectContext'), 'wharf-test-context');
      assert.ok(api.prompts.asked[0].choices.includes('wharf-test-context'), api.prompts.asked[0].choices.join(', '));
      assert.equal(api.config.engineHost, undefined, 'the host setting, which outranks a context, is cleared');
      assert.equal(api.config.engineContext, 'wharf-test-context');
      await until(api, 'connected through the context', () => api.sessions.current.store.connection.status === 'connected');
    } finally {
      if (before === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = before;
    }
  });

  it('Start a Demo Engine asks npm start\'s offer and uses the engine it answers for this session', async () => {
    assert.ok(process.env[DEMO_ENGINE_ENV], `${DEMO_ENGINE_ENV} is set by the host tier, as npm start sets it`);
    assert.equal(api.views.contextKeys['wharf.demoEngine.available'], true);
    await pointAt(api, 'engine.host', `unix://${join(scratch, 'engine.sock')}`);
    const host = await vscode.commands.executeCommand('wharf.engine.startDemo');
    assert.equal(host, process.env.WHARF_TEST_DOCKER_HOST);
    assert.equal(api.sessions.demo, host);
    assert.equal(api.sessions.current.store.connection.status, 'connected');
    await settings().update('engine.host', undefined, vscode.ConfigurationTarget.Global);
    await until(api, 'the demo dropped once the engine settings change', () => api.sessions.demo === undefined && api.sessions.current.store.connection.status === 'connected');
  });
});
