// Living beside the other Docker extensions, in the real editor. Docker's and Microsoft's
// extensions cannot be installed offline, so what they would show is made the way they make it:
// a diagnostics collection of another source, on a Dockerfile. Detection reads the window's real
// diagnostics; only the question's answer is given by the test (a notification's button cannot be
// pressed from the extension host).
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { CHOICE_KEY, Coexistence, type OtherExtensionsChoice } from '../../../src/ui/lint/coexistence';
import { LintDiagnostics } from '../../../src/ui/lint/lintDiagnostics';
import { waitFor } from '../../engine/waitFor';
import { wharf } from './explorerSupport';

/** globalState as VS Code keeps it, in memory: the test starts from a user never asked. */
class MapMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, defaultValue?: T): T | undefined { return this.values.has(key) ? this.values.get(key) as T : defaultValue; }
  update(key: string, value: unknown): Thenable<void> { this.values.set(key, value); return Promise.resolve(); }
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('Lint beside the other Docker extensions', function () {
  let api: WharfApi;
  let dir: string;
  const settings = vscode.workspace.getConfiguration('wharf');

  before(async () => {
    api = await wharf();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tier opens a workspace folder');
    dir = join(folder.uri.fsPath, `coexistence-suite-${process.pid}`);
    mkdirSync(dir, { recursive: true });
  });

  after(async () => {
    await settings.update('lint.otherExtensions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The extension's own instance saw the other source too and asked with a real notification.
    await vscode.commands.executeCommand('notifications.clearAll');
    rmSync(dir, { recursive: true, force: true });
  });

  it("another source's Dockerfile diagnostics: asked once, the answer remembered, the overlapping rules left to it", async () => {
    const path = join(dir, 'Dockerfile');
    writeFileSync(path, 'FROM busybox:1.36\nMAINTAINER x\nCMD node app.js\n');
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.open', uri);

    const memento = new MapMemento();
    const asked: string[][] = [];
    const answer = (names: string[]): Thenable<OtherExtensionsChoice | undefined> => { asked.push(names); return Promise.resolve('leaveOverlapping'); };
    const coexistence = new Coexistence(api.config, memento, answer);
    const linter = new LintDiagnostics(api.config, api.extension.extensionPath, api.log, vscode.workspace, coexistence);
    // Docker DX's language server reports BuildKit's checks under their own names.
    const other = vscode.languages.createDiagnosticCollection('coexistence-test');
    const ours = () => (linter.collection.get(uri) ?? []).map(codeOf);
    const oursWhere = (what: string, check: (codes: string[]) => boolean) => waitFor(what, () => check(ours()) && ours(), {
      wake: (resume) => linter.onDidLint(resume),
      detail: () => `codes ${ours().join(', ') || 'none'}; asked ${JSON.stringify(asked)}; left ${coexistence.leftToOthers().join(', ')}`,
    });
    try {
      await oursWhere('the first lint', (codes) => codes.includes('DL4000'));
      assert.deepEqual(asked, [], 'nothing to ask while Wharf is the only source');
      assert.deepEqual(coexistence.leftToOthers(), []);

      const maintainer = new vscode.Diagnostic(new vscode.Range(1, 0, 1, 10), 'The MAINTAINER instruction is deprecated', vscode.DiagnosticSeverity.Warning);
      maintainer.source = 'docker-language-server';
      maintainer.code = 'MaintainerDeprecated';
      other.set(uri, [maintainer]);
      await waitFor('the answer to be remembered', () => memento.get(CHOICE_KEY) === 'leaveOverlapping', { wake: (resume) => coexistence.onDidChange(resume) });
      assert.deepEqual(asked, [['docker-language-server']]);
      // The rule it reports, with its hadolint twin; not the ones it does not report.
      assert.deepEqual(coexistence.leftToOthers(), ['DL4000', 'MaintainerDeprecated']);
      assert.deepEqual(await oursWhere('DL4000 left to the other extension', (codes) => !codes.includes('DL4000')), ['DL3025']);

      // More diagnostics from it: not asked again.
      other.set(uri, [maintainer, maintainer]);
      await waitFor('the change seen', () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-language-server').length === 2, { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume) });
      assert.equal(asked.length, 1);

      // The next window (a new instance, the same globalState): remembered, not asked.
      const askedAgain: string[][] = [];
      const next = new Coexistence(api.config, memento, (names) => { askedAgain.push(names); return Promise.resolve(undefined); });
      assert.deepEqual(next.leftToOthers(), ['DL4000', 'MaintainerDeprecated']);
      assert.deepEqual(askedAgain, []);
      next.dispose();

      // The setting changes the answer later: Wharf's own rule comes back.
      await settings.update('lint.otherExtensions', 'keepAll', vscode.ConfigurationTarget.Global);
      await oursWhere('DL4000 back', (codes) => codes.includes('DL4000'));
      assert.deepEqual(coexistence.leftToOthers(), []);
    } finally {
      await settings.update('lint.otherExtensions', undefined, vscode.ConfigurationTarget.Global);
      other.dispose();
      linter.dispose();
      coexistence.dispose();
    }
  });

  it('diagnostics that are not on Dockerfiles, or are Wharf\'s own, are no other linter', async () => {
    await waitFor('the setting back to ask', () => api.config.lintOtherExtensions() === 'ask', { wake: (resume) => vscode.workspace.onDidChangeConfiguration(resume) });
    const memento = new MapMemento();
    const asked: string[][] = [];
    const coexistence = new Coexistence(api.config, memento, (names) => { asked.push(names); return Promise.resolve(undefined); });
    const other = vscode.languages.createDiagnosticCollection('coexistence-test-2');
    try {
      const readme = vscode.Uri.file(join(dir, 'README.md'));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'not a Dockerfile problem');
      diagnostic.source = 'markdownlint';
      diagnostic.code = 'MaintainerDeprecated';
      other.set(readme, [diagnostic]);
      await waitFor('the diagnostics to arrive', () => vscode.languages.getDiagnostics(readme).length > 0, { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume) });
      assert.deepEqual(coexistence.detected().names, []);
      assert.deepEqual(asked, []);
      // Wharf's own diagnostics on a Dockerfile (the suite's earlier files, the linter's) neither.
      const path = join(dir, 'Dockerfile');
      const uri = vscode.Uri.file(path);
      const own = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'ours');
      own.source = 'wharf';
      own.code = 'MaintainerDeprecated';
      other.set(uri, [own]);
      await waitFor('our diagnostic to arrive', () => vscode.languages.getDiagnostics(uri).some((d) => d.message === 'ours'), { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume) });
      assert.deepEqual(asked, []);
      // The same file with another source's diagnostic: that is one, and it is asked about.
      const theirs = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'theirs');
      theirs.source = 'dockerfile-utils';
      theirs.code = 1;
      other.set(uri, [own, theirs]);
      await waitFor('the question', () => asked.length === 1, { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume), detail: () => JSON.stringify(asked) });
      assert.deepEqual(asked, [['dockerfile-utils']]);
      // dockerfile-utils' numeric codes are not Wharf's, but its validator's rules are known.
      assert.ok(coexistence.detected().codes.has('NoEmptyContinuation'));
      assert.ok(coexistence.detected().codes.has('DL4000'), 'with the hadolint twin of MaintainerDeprecated');
    } finally {
      other.dispose();
      coexistence.dispose();
    }
  });
});
