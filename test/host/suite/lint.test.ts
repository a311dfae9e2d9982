// The Dockerfile linter in the real editor: diagnostics as documents open, change and close;
// .hadolint.yaml and wharf.lint.* settings; every kind of quick fix applied through the editor's
// own code-action command; the lint commands. Fixtures are written into the workspace folder the
// host tier opens (a folder of their own, removed afterwards). Waits end on the awaited state
// (test/engine/waitFor.ts); their limit only bounds a hang.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { isDockerfileName } from '../../../src/ui/lint/findingShape';
import { LintDiagnostics, type WorkspaceTrust } from '../../../src/ui/lint/lintDiagnostics';
import { findWorkspaceDockerfiles, lintWorkspaceDockerfiles } from '../../../src/ui/lint/workspaceLint';
import { waitFor } from '../../engine/waitFor';
import { wharf } from './explorerSupport';

const OURS = new Set(['wharf', 'shellcheck']);

/** code@line:char-line:char/severity, the shape assertions compare. */
function summary(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const r = d.range;
  return `${String(code)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}/${vscode.DiagnosticSeverity[d.severity]}`;
}

function lintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source !== undefined && OURS.has(d.source));
}

const codes = (uri: vscode.Uri) => lintDiagnostics(uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

function diagnosticsWhere(uri: vscode.Uri, what: string, check: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => { const current = lintDiagnostics(uri); return check(current) && current; }, {
    wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume),
    detail: () => `diagnostics ${lintDiagnostics(uri).map(summary).join(', ') || 'none'}`,
  });
}

/** Opens through the workbench (not openTextDocument, whose reference outlives the editor). */
async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.open', uri);
  return waitFor(`${uri.fsPath} to open`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
}

async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** The quick fixes offered on a diagnostic's range, once the one titled `title` is among them. */
function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction[]> {
  // The workbench learns of new diagnostics by message: ask again until ours are part of the answer.
  let offered: vscode.CodeAction[] = [];
  return waitFor(`the quick fix "${title}"`, async () => {
    offered = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    return offered.some((a) => a.title === title) && offered;
  }, { detail: () => `offered: ${offered.map((a) => a.title).join('; ') || 'nothing'}` });
}

async function apply(action: vscode.CodeAction | undefined, what: string): Promise<void> {
  assert.ok(action, `a quick fix "${what}"`);
  assert.ok(action.edit, `"${what}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

const find = (diagnostics: vscode.Diagnostic[], code: string) => {
  const found = diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);
  assert.ok(found, `a ${code} diagnostic`);
  return found;
};

const SAMPLE = [
  'FROM busybox',
  'RUN cd /tmp && echo hi',
  'MAINTAINER Jane <jane@example.com>',
  'CMD sleep 3600',
  '',
].join('\n');

const SAMPLE_FINDINGS = [
  'DL3006@0:5-0:12/Warning',
  'DL3003@1:4-1:6/Warning',
  // Each one problem that hadolint and BuildKit both report: one diagnostic naming both codes.
  'DL4000@2:0-2:10/Error',
  'DL3025@3:4-3:14/Warning',
];

describe('Dockerfile lint in the editor', function () {
  let api: WharfApi;
  let dir: string;
  let root: string;
  let n = 0;
  const settings = vscode.workspace.getConfiguration('wharf');

  /** A fresh fixture file in this suite's folder. */
  function fixture(name: string, text: string): vscode.Uri {
    const path = join(dir, `case${++n}`, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  }

  async function setting(key: string, value: unknown): Promise<void> {
    await settings.update(key, value, vscode.ConfigurationTarget.Global);
  }

  before(async () => {
    api = await wharf();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tier opens a workspace folder');
    root = folder.uri.fsPath;
    dir = join(root, `lint-suite-${process.pid}`);
    mkdirSync(dir, { recursive: true });
  });

  afterEach(async () => {
    for (const key of ['lint.enable', 'lint.run', 'lint.ignoredRules', 'lint.severity', 'lint.trustedRegistries', 'lint.shellcheck.enable', 'lint.ruleSet', 'lint.otherExtensions']) await setting(key, undefined);
    rmSync(join(root, '.hadolint.yaml'), { force: true });
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.fsPath.startsWith(dir)) await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.lint.diagnostics.idle();
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opening a Dockerfile shows each finding on its token, with a code that opens the rule page', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    const diagnostics = await diagnosticsWhere(uri, 'the sample findings', (d) => d.length === SAMPLE_FINDINGS.length);
    assert.deepEqual(diagnostics.map(summary), SAMPLE_FINDINGS);
    assert.ok(diagnostics.every((d) => d.source === 'wharf'));
    const dl3006 = find(diagnostics, 'DL3006');
    assert.equal(dl3006.message, 'Always tag the version of an image explicitly');
    const target = (dl3006.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'wharf.lint.showRuleDocs');
    assert.deepEqual(JSON.parse(target.query), ['DL3006']);
    assert.deepEqual(find(diagnostics, 'DL4000').tags, [vscode.DiagnosticTag.Deprecated]);

    // What clicking the code does: the bundled page, rendered.
    const shown = await vscode.commands.executeCommand(target.path, ...(JSON.parse(target.query) as unknown[]));
    assert.equal(shown, 'preview');
    const previewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    const tab = await waitFor('a Markdown preview tab', previewTab, {
      wake: (resume) => vscode.window.tabGroups.onDidChangeTabs(resume),
      detail: () => `tabs ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} ${t.input?.constructor.name} ${(t.input as { viewType?: string })?.viewType ?? ''}`).join('; ')}`,
    });
    assert.match(tab.label, /DL3006/);
  });

  it('editing updates the diagnostics, debounced, to the last text typed', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    // Several edits in a row: only the final text counts.
    await setText(doc, 'FROM busybox:1.36\nRUN cd /tmp && echo hi\n');
    await setText(doc, 'FROM busybox:1.36\nRUN cd /tmp && echo hi\nWORKDIR tmp\n');
    await api.lint.diagnostics.idle();
    const after = await diagnosticsWhere(uri, 'the edited findings', (d) => !codes(uri).includes('DL3006') && d.length > 0);
    assert.deepEqual(after.map(summary), ['DL3003@1:4-1:6/Warning', 'DL3000@2:8-2:11/Error']);
    assert.match(find(after, 'DL3000').message, /\(also WorkdirRelativePath\)$/);
  });

  it('closing the document clears its diagnostics', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await diagnosticsWhere(uri, 'no diagnostics after close', (d) => d.length === 0);
  });

  it('a .hadolint.yaml in the workspace folder changes the findings, and removing it restores them', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    writeFileSync(join(root, '.hadolint.yaml'), 'ignored:\n  - DL3003\noverride:\n  error:\n    - DL3006\n');
    const configured = await diagnosticsWhere(uri, 'the configured findings', (d) => !codes(uri).includes('DL3003') && d.length > 0);
    assert.equal(find(configured, 'DL3006').severity, vscode.DiagnosticSeverity.Error);
    rmSync(join(root, '.hadolint.yaml'));
    const restored = await diagnosticsWhere(uri, 'the findings without the config', () => codes(uri).includes('DL3003'));
    assert.deepEqual(restored.map(summary), SAMPLE_FINDINGS);
  });

  it('a broken .hadolint.yaml is reported on the file itself and linting goes on without it', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    const config = vscode.Uri.file(join(root, '.hadolint.yaml'));
    writeFileSync(config.fsPath, 'ignored: [DL3003\n');
    const problems = await diagnosticsWhere(config, 'the config problem', (d) => d.length > 0);
    assert.match(problems[0].message, /^Wharf lint configuration: not valid YAML/);
    await api.lint.diagnostics.idle();
    assert.deepEqual(lintDiagnostics(uri).map(summary), SAMPLE_FINDINGS);
    rmSync(config.fsPath);
    await diagnosticsWhere(config, 'the config problem gone', (d) => d.length === 0);
  });

  it('settings: ignored rules, a severity per rule and off', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    await setting('lint.ignoredRules', ['DL3006', 'MaintainerDeprecated']);
    await setting('lint.severity', { DL3003: 'error', JSONArgsRecommended: 'off', DL3025: 'style' });
    const d = await diagnosticsWhere(uri, 'the configured findings', (ds) => ds.some((x) => summary(x) === 'DL3003@1:4-1:6/Error') && !codes(uri).includes('JSONArgsRecommended') && !codes(uri).includes('DL3006'));
    assert.deepEqual(d.map(summary), ['DL3003@1:4-1:6/Error', 'DL4000@2:0-2:10/Error', 'DL3025@3:4-3:14/Hint']);
  });

  it('wharf.lint.enable false clears the diagnostics and lints nothing while typing; true brings them back', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length > 0);
    await setting('lint.enable', false);
    await diagnosticsWhere(uri, 'cleared diagnostics', (d) => d.length === 0);
    await setText(doc, 'FROM busybox\nRUN cd /tmp && echo hi\n');
    await api.lint.diagnostics.idle();
    assert.deepEqual(lintDiagnostics(uri), [], 'nothing linted while disabled');
    await setting('lint.enable', true);
    const back = await diagnosticsWhere(uri, 'diagnostics again', (d) => d.length > 0);
    assert.deepEqual(back.map(summary), ['DL3006@0:5-0:12/Warning', 'DL3003@1:4-1:6/Warning']);
  });

  it('wharf.lint.run onSave keeps the diagnostics while typing and lints on save', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    await setting('lint.run', 'onSave');
    await waitFor('the setting to arrive', () => !(api.config.lintRun(uri) !== 'onSave'), { wake: (resume) => vscode.workspace.onDidChangeConfiguration(resume) });
    await api.lint.diagnostics.idle();
    await setText(doc, 'FROM busybox:1.36\n');
    await api.lint.diagnostics.idle();
    assert.deepEqual(lintDiagnostics(uri).map(summary), SAMPLE_FINDINGS, 'typing does not lint');
    assert.ok(await doc.save());
    await diagnosticsWhere(uri, 'the saved text linted', (d) => d.length === 0);
  });

  it('quick fix: add -y to apt-get install (the preferred fix)', async () => {
    const uri = fixture('Dockerfile', 'FROM debian:12.5\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n');
    const doc = await open(uri);
    const d = await diagnosticsWhere(uri, 'DL3014', () => codes(uri).includes('DL3014'));
    const actions = await quickFixes(uri, find(d, 'DL3014'), 'Add -y');
    const fix = actions.find((a) => a.title === 'Add -y');
    assert.equal(fix?.isPreferred, true);
    await apply(fix, 'Add -y');
    await diagnosticsWhere(uri, 'DL3014 gone', () => !codes(uri).includes('DL3014'));
    assert.match(doc.lineAt(1).text, /apt-get install -y --no-install-recommends/);
  });

  it('one problem hadolint and BuildKit both report is one diagnostic: both codes, both pages, one quick fix', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    const d = await diagnosticsWhere(uri, 'the sample findings', (ds) => ds.length === SAMPLE_FINDINGS.length);
    assert.deepEqual(codes(uri).filter((c) => c === 'MaintainerDeprecated' || c === 'JSONArgsRecommended'), [], 'no second diagnostic for the same problem');
    const maintainer = find(d, 'DL4000');
    assert.equal(maintainer.message, 'MAINTAINER is deprecated (also MaintainerDeprecated)');
    // The code links to the hadolint rule's page, the related entry to the BuildKit check's.
    assert.deepEqual(JSON.parse((maintainer.code as { target: vscode.Uri }).target.query), ['DL4000']);
    const related = maintainer.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(basename(related[0].location.uri.fsPath), 'MaintainerDeprecated.md');
    assert.equal(related[0].message, 'MaintainerDeprecated reports the same problem: its page');
    const page = await vscode.workspace.openTextDocument(related[0].location.uri);
    assert.match(page.getText(), /MaintainerDeprecated/);
    assert.match(find(d, 'DL3025').message, /\(also JSONArgsRecommended\)$/);

    const actions = await quickFixes(uri, maintainer, 'Ignore DL4000, MaintainerDeprecated on this line');
    assert.equal(actions.filter((a) => a.title.startsWith('Replace')).length, 1, 'one quick fix, not one per rule');
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Ignore')).map((a) => a.title), ['Ignore DL4000, MaintainerDeprecated on this line', 'Ignore DL4000, MaintainerDeprecated in this file']);
    await apply(actions.find((a) => a.title === 'Ignore DL4000, MaintainerDeprecated on this line'), 'ignore both on this line');
    await diagnosticsWhere(uri, 'DL4000 gone', () => !codes(uri).includes('DL4000') && !codes(uri).includes('MaintainerDeprecated'));
    assert.equal(doc.lineAt(2).text, '# hadolint ignore=DL4000,MaintainerDeprecated');
  });

  it('wharf.lint.ruleSet: hadolint or buildkit alone show their own codes', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    await open(uri);
    await diagnosticsWhere(uri, 'the first lint', (d) => d.length === SAMPLE_FINDINGS.length);
    await setting('lint.ruleSet', 'buildkit');
    const buildkit = await diagnosticsWhere(uri, 'BuildKit checks only', () => codes(uri).includes('MaintainerDeprecated'));
    assert.deepEqual(buildkit.map(summary), ['MaintainerDeprecated@2:0-2:10/Warning', 'JSONArgsRecommended@3:4-3:14/Warning']);
    assert.equal(find(buildkit, 'MaintainerDeprecated').message.includes('(also'), false);
    await setting('lint.ruleSet', 'hadolint');
    const hadolint = await diagnosticsWhere(uri, 'hadolint rules only', () => codes(uri).includes('DL3006'));
    assert.deepEqual(hadolint.map(summary), SAMPLE_FINDINGS);
    assert.equal(find(hadolint, 'DL4000').message, 'MAINTAINER is deprecated');
  });

  it('quick fix: exec form for CMD settles both DL3025 and JSONArgsRecommended', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    const d = await diagnosticsWhere(uri, 'DL3025', () => codes(uri).includes('DL3025'));
    await apply((await quickFixes(uri, find(d, 'DL3025'), 'Use the exec (JSON) form')).find((a) => a.title === 'Use the exec (JSON) form'), 'exec form');
    await diagnosticsWhere(uri, 'DL3025 gone', () => !codes(uri).includes('DL3025') && !codes(uri).includes('JSONArgsRecommended'));
    assert.equal(doc.lineAt(3).text, 'CMD ["sleep", "3600"]');
  });

  it('quick fix: MAINTAINER becomes LABEL org.opencontainers.image.authors', async () => {
    const uri = fixture('Dockerfile', SAMPLE);
    const doc = await open(uri);
    const d = await diagnosticsWhere(uri, 'DL4000', () => codes(uri).includes('DL4000'));
    const actions = await quickFixes(uri, find(d, 'DL4000'), 'Ignore DL4000, MaintainerDeprecated on this line');
    // DL4000 and MaintainerDeprecated are one diagnostic with one fix, the preferred one.
    const replace = actions.filter((a) => a.title.startsWith('Replace'));
    assert.deepEqual(replace.map((a) => a.isPreferred), [true]);
    await apply(replace[0], 'MAINTAINER → LABEL');
    await diagnosticsWhere(uri, 'DL4000 gone', () => !codes(uri).includes('DL4000') && !codes(uri).includes('MaintainerDeprecated'));
    assert.equal(doc.lineAt(2).text, 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"');
  });

  it('quick fix: ignore a rule on this line writes a hadolint pragma above the instruction', async () => {
    const uri = fixture('Dockerfile', 'FROM busybox:1.36\n    RUN cd /tmp && echo hi\n');
    const doc = await open(uri);
    const d = await diagnosticsWhere(uri, 'DL3003', () => codes(uri).includes('DL3003'));
    const ignore = (await quickFixes(uri, find(d, 'DL3003'), 'Ignore DL3003 on this line')).find((a) => a.title === 'Ignore DL3003 on this line');
    assert.notEqual(ignore?.isPreferred, true, 'ignoring is never the preferred fix');
    await apply(ignore, 'Ignore DL3003 on this line');
    await diagnosticsWhere(uri, 'DL3003 gone', () => !codes(uri).includes('DL3003'));
    assert.equal(doc.lineAt(1).text, '    # hadolint ignore=DL3003');
  });

  it('quick fix: ignore a rule in this file (hadolint global pragma; BuildKit checks get # check=skip)', async () => {
    const uri = fixture('Dockerfile', '# syntax=docker/dockerfile:1\nFROM busybox AS Build\n');
    const doc = await open(uri);
    let d = await diagnosticsWhere(uri, 'DL3006 and StageNameCasing', () => codes(uri).includes('DL3006') && codes(uri).includes('StageNameCasing'));
    await apply((await quickFixes(uri, find(d, 'DL3006'), 'Ignore DL3006 in this file')).find((a) => a.title === 'Ignore DL3006 in this file'), 'Ignore DL3006 in this file');
    d = await diagnosticsWhere(uri, 'DL3006 gone', () => !codes(uri).includes('DL3006') && codes(uri).includes('StageNameCasing'));
    assert.equal(doc.lineAt(1).text, '# hadolint global ignore=DL3006');
    const actions = await quickFixes(uri, find(d, 'StageNameCasing'), 'Ignore StageNameCasing in this file (# check=skip)');
    assert.equal(actions.find((a) => a.title === "Rename stage 'Build' to 'build'")?.isPreferred, true);
    await apply(actions.find((a) => a.title === 'Ignore StageNameCasing in this file (# check=skip)'), 'skip StageNameCasing');
    await diagnosticsWhere(uri, 'StageNameCasing gone', () => !codes(uri).includes('StageNameCasing'));
    assert.deepEqual([doc.lineAt(0).text, doc.lineAt(1).text], ['# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing']);
  });

  it('what the builder rejects gets no ignore action', async () => {
    const uri = fixture('Dockerfile', 'FROM busybox\nFROOM busybox\n');
    await open(uri);
    const d = await diagnosticsWhere(uri, 'UnknownInstruction', () => codes(uri).includes('UnknownInstruction') && codes(uri).includes('DL3006'));
    // Asked over both lines: DL3006's ignore action shows the workbench knows the diagnostics.
    const both = { ...find(d, 'UnknownInstruction'), range: new vscode.Range(0, 0, 1, 5) } as vscode.Diagnostic;
    const actions = await quickFixes(uri, both, 'Ignore DL3006 on this line');
    assert.ok(actions.some((a) => a.title === 'Ignore DL3006 on this line'));
    assert.deepEqual(actions.filter((a) => a.title.includes('UnknownInstruction')).map((a) => a.title), []);
  });

  it('ShellCheck findings on RUN scripts link to its wiki and apply its fix; the setting turns ShellCheck off', async () => {
    const uri = fixture('Dockerfile', 'FROM busybox:1.36\nRUN echo $1\n');
    const doc = await open(uri);
    // The host tier disables workspace trust, so ShellCheck (on PATH in the test bed) runs.
    assert.equal(vscode.workspace.isTrusted, true);
    const d = await diagnosticsWhere(uri, 'SC2086', () => codes(uri).includes('SC2086'));
    const sc = find(d, 'SC2086');
    assert.equal(summary(sc), 'SC2086@1:9-1:11/Information');
    assert.equal(sc.source, 'shellcheck');
    assert.equal((sc.code as { target: vscode.Uri }).target.toString(), 'https://www.shellcheck.net/wiki/SC2086');
    await apply((await quickFixes(uri, sc, "Apply ShellCheck's fix for SC2086")).find((a) => a.title === "Apply ShellCheck's fix for SC2086"), 'ShellCheck fix');
    await diagnosticsWhere(uri, 'SC2086 gone', () => !codes(uri).includes('SC2086'));
    assert.equal(doc.lineAt(1).text, 'RUN echo "$1"');
    await setting('lint.shellcheck.enable', false);
    await waitFor('the setting to arrive', () => !(api.config.lintShellcheckEnabled(uri)), { wake: (resume) => vscode.workspace.onDidChangeConfiguration(resume) });
    await api.lint.diagnostics.idle();
    // DL3006 proves the new text was linted; SC2086 would come in the same run if ShellCheck ran.
    await setText(doc, 'FROM busybox\nRUN echo $1\n');
    const without = await diagnosticsWhere(uri, 'linted without ShellCheck', () => codes(uri).includes('DL3006'));
    assert.deepEqual(without.map(summary), ['DL3006@0:5-0:12/Warning']);
  });

  it('Containerfile and x.dockerfile are linted when opened, Dockerfile.dockerignore is not', async () => {
    for (const name of ['Containerfile', 'web.dockerfile']) {
      const uri = fixture(name, 'FROM busybox\n');
      const doc = await open(uri);
      assert.equal(doc.languageId, 'dockerfile', name);
      const d = await diagnosticsWhere(uri, `${name} linted`, (ds) => ds.length > 0);
      assert.deepEqual(d.map(summary), ['DL3006@0:5-0:12/Warning'], name);
    }
    // Dockerfile.* makes the editor call this one a Dockerfile too; it is the build's ignore file.
    const ignoreFile = fixture('Dockerfile.dockerignore', 'FROM\nnode_modules\n');
    await open(ignoreFile);
    await api.lint.diagnostics.idle();
    assert.deepEqual(lintDiagnostics(ignoreFile), []);
  });

  it('a file too large to lint as you type gets one note; Lint Dockerfile lints it anyway', async () => {
    const lines = ['FROM busybox'];
    while (lines.join('\n').length < 300 * 1024) lines.push(`ENV VALUE_${lines.length}=${'x'.repeat(60)}`);
    const uri = fixture('Dockerfile', lines.join('\n') + '\n');
    await open(uri);
    const note = await diagnosticsWhere(uri, 'the not-linted note', (d) => d.length > 0);
    assert.deepEqual(note.map(summary), ['WharfNotLinted@0:0-0:0/Information']);
    const linted = await vscode.commands.executeCommand<vscode.Diagnostic[]>('wharf.dockerfile.lint', uri);
    assert.ok(linted?.some((d) => summary(d) === 'DL3006@0:5-0:12/Warning'));
    assert.ok(!codes(uri).includes('WharfNotLinted'));
  });

  it('Lint Dockerfile on an unopened file and Lint Workspace Dockerfiles fill Problems for files not open', async () => {
    const single = fixture('Dockerfile.dev', 'FROM busybox\n');
    const linted = await vscode.commands.executeCommand<vscode.Diagnostic[]>('wharf.dockerfile.lint', single);
    assert.deepEqual(linted?.map(summary), ['DL3006@0:5-0:12/Warning']);
    assert.deepEqual(lintDiagnostics(single).map(summary), ['DL3006@0:5-0:12/Warning']);

    const containerfile = fixture('Containerfile', 'FROM busybox\nRUN cd /tmp && echo hi\n');
    const named = fixture('api.dockerfile', 'FROM busybox:1.36\nMAINTAINER x\n');
    const nested = fixture(join('deep', 'Dockerfile.prod'), 'FROM busybox:latest\n');
    const excluded = fixture(join('node_modules', 'pkg', 'Dockerfile'), 'FROM busybox\n');
    const ignoreFile = fixture('Dockerfile.dockerignore', 'FROM\n');
    for (const uri of [containerfile, named, nested]) assert.deepEqual(lintDiagnostics(uri), [], 'not linted before the command');
    const result = await vscode.commands.executeCommand<{ files: number; problems: number; cancelled: boolean }>('wharf.lintWorkspace');
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 5, `at least the suite's Dockerfiles and the workspace's own (${result.files})`);
    assert.deepEqual(lintDiagnostics(containerfile).map(summary), ['DL3006@0:5-0:12/Warning', 'DL3003@1:4-1:6/Warning']);
    assert.deepEqual(codes(named), ['DL4000']);
    assert.deepEqual(codes(nested), ['DL3007']);
    assert.deepEqual(lintDiagnostics(excluded), [], 'node_modules is not linted');
    assert.deepEqual(lintDiagnostics(ignoreFile), [], 'a .dockerignore is not a Dockerfile');
    assert.ok(result.problems >= 5);
  });
  it('Lint Dockerfile on a FIFO or a symlink to /dev/zero says so in Problems instead of reading it', async () => {
    // Outside the workspace folder, which other tests walk and watch.
    const folder = mkdtempSync(join(tmpdir(), 'wharf-fifo-'));
    const fifo = vscode.Uri.file(join(folder, 'Dockerfile'));
    assert.equal(spawnSync('mkfifo', [fifo.fsPath]).status, 0, 'mkfifo');
    const zero = vscode.Uri.file(join(folder, 'zero.Dockerfile'));
    symlinkSync('/dev/zero', zero.fsPath);
    try {
      for (const [uri, kind] of [[fifo, 'a FIFO'], [zero, 'a character device']] as const) {
        const linted = await vscode.commands.executeCommand<vscode.Diagnostic[]>('wharf.dockerfile.lint', uri);
        assert.deepEqual(linted?.map(summary), ['WharfNotLinted@0:0-0:0/Error']);
        assert.equal(lintDiagnostics(uri)[0]?.message, `Not linted: not a regular file (${kind})`);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('CopyIgnoredFile reads the ignore file Build Image uses: <Dockerfile>.dockerignore, else the Dockerfile folder\'s', async () => {
    // Each case's files are written before its document opens: the answer comes from the first
    // lint, not from a file watcher's event.
    const copyIgnored = async (ignoreFiles: Record<string, string>): Promise<string[]> => {
      // MAINTAINER: a finding every lint reports, so its arrival says the lint ran.
      const uri = fixture(join('svc', 'Dockerfile'), 'FROM busybox:1.36\nMAINTAINER x\nCOPY a.txt b.txt /x/\n');
      for (const [name, text] of Object.entries(ignoreFiles)) writeFileSync(join(dirname(uri.fsPath), name), text);
      await open(uri);
      const found = await diagnosticsWhere(uri, 'the first lint', (d) => d.some((x) => summary(x).startsWith('DL4000')));
      return found.filter((d) => summary(d).startsWith('CopyIgnoredFile')).map(summary);
    };
    // A .dockerignore above the Dockerfile's folder is not its build context's.
    assert.deepEqual(await copyIgnored({ '../.dockerignore': 'a.txt\nb.txt\n' }), []);
    assert.deepEqual(await copyIgnored({ '.dockerignore': 'a.txt\n' }), ['CopyIgnoredFile@2:5-2:10/Warning']);
    assert.deepEqual(await copyIgnored({ '.dockerignore': 'a.txt\n', 'Dockerfile.dockerignore': 'b.txt\n' }), ['CopyIgnoredFile@2:11-2:16/Warning']);
  });

  it('wharf.lint.trustedRegistries: FROM outside the listed registries is DL3026; empty allows any', async () => {
    const uri = fixture('Dockerfile', 'FROM busybox:1.36\nFROM ghcr.io/acme/app:1.0\nFROM registry.example.com/x:1\n');
    await open(uri);
    await api.lint.diagnostics.idle();
    assert.deepEqual(codes(uri).filter((c) => c === 'DL3026'), [], 'no registry list, no DL3026');
    await setting('lint.trustedRegistries', ['ghcr.io']);
    const listed = await diagnosticsWhere(uri, 'DL3026 for docker.io and registry.example.com', (d) => d.filter((x) => summary(x).startsWith('DL3026')).length === 2);
    assert.deepEqual(listed.filter((d) => summary(d).startsWith('DL3026')).map(summary), ['DL3026@0:5-0:12/Error', 'DL3026@2:5-2:25/Error']);
    assert.match(find(listed, 'DL3026').message, /docker\.io is not trusted/);
    await setting('lint.trustedRegistries', ['ghcr.io', 'docker.io']);
    const hub = await diagnosticsWhere(uri, 'DL3026 only for registry.example.com', (d) => d.filter((x) => summary(x).startsWith('DL3026')).length === 1);
    assert.deepEqual(hub.filter((d) => summary(d).startsWith('DL3026')).map(summary), ['DL3026@2:5-2:25/Error']);
    await setting('lint.trustedRegistries', undefined);
    await diagnosticsWhere(uri, 'no DL3026 again', () => !codes(uri).includes('DL3026'));
  });

  describe('Lint Workspace Dockerfiles, driven with a token of the test\'s own', () => {
    /** Dockerfile-like files under the workspace folder, found by walking it (node_modules aside). */
    function walk(dirPath: string): string[] {
      return readdirSync(dirPath, { withFileTypes: true }).flatMap((entry) => {
        const full = join(dirPath, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
        return entry.isFile() && isDockerfileName(entry.name) ? [full] : [];
      });
    }

    /** lintNow of the extension's own linter, noting each file it is asked for. */
    function recording(after?: (count: number) => void): { linted: string[]; lintNow: (uri: vscode.Uri) => Promise<vscode.Diagnostic[]> } {
      const linted: string[] = [];
      return {
        linted,
        lintNow: async (uri) => {
          linted.push(uri.fsPath);
          const result = await api.lint.diagnostics.lintNow(uri);
          after?.(linted.length);
          return result;
        },
      };
    }

    it('lints every Dockerfile-like file of the workspace into Problems, except under node_modules', async () => {
      // One folder: its ignore files apply to the Dockerfiles beside them.
      const caseDir = join(dir, `case${++n}`);
      const write = (name: string, text: string): vscode.Uri => {
        const path = join(caseDir, name);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
        return vscode.Uri.file(path);
      };
      const files = [
        write(join('web', 'Dockerfile'), 'FROM busybox\n'),
        write('worker.Containerfile', 'FROM busybox:latest\n'),
        write('Containerfile.ci', 'FROM busybox:1.36\nRUN cd /tmp && echo hi\n'),
        write('dockerfile', 'FROM busybox\n'),
        write(join('context', 'Dockerfile'), 'FROM busybox\n'),
        write(join('generated', 'Dockerfile'), 'FROM busybox\n'),
      ];
      // A build context's ignore file says what `docker build` sends, not which Dockerfiles exist;
      // the search reads no .gitignore either.
      write('.dockerignore', 'context\n');
      write('.gitignore', 'generated/\n');
      const vendored = write(join('node_modules', 'dep', 'Dockerfile'), 'FROM busybox\n');
      for (const uri of files) assert.deepEqual(lintDiagnostics(uri), [], `${uri.fsPath} not linted before`);

      const expected = walk(root).filter((f) => !f.split('/').includes('node_modules')).sort();
      assert.ok(expected.length >= files.length + 2, 'the walk sees the fixtures and the workspace\'s own Dockerfiles');
      const found = (await findWorkspaceDockerfiles()).map((u) => u.fsPath);
      assert.deepEqual([...found].sort(), expected, 'the search finds what the walk finds');

      const spy = recording();
      const cts = new vscode.CancellationTokenSource();
      const announced: string[] = [];
      const result = await lintWorkspaceDockerfiles(spy, cts.token, (uri, total) => { assert.equal(total, expected.length); announced.push(uri.fsPath); });
      cts.dispose();
      assert.equal(result.cancelled, false);
      assert.equal(result.found, expected.length);
      assert.equal(result.files, expected.length);
      assert.deepEqual(announced, found, 'each file announced before it is linted, in the search\'s order');
      assert.deepEqual(spy.linted, found);
      assert.equal(result.problems, found.reduce((n, f) => n + lintDiagnostics(vscode.Uri.file(f)).length, 0), 'the problems counted are the ones in Problems');
      assert.deepEqual(files.map((u) => [basename(u.fsPath), codes(u)]), [
        ['Dockerfile', ['DL3006']],
        ['worker.Containerfile', ['DL3007']],
        ['Containerfile.ci', ['DL3003']],
        ['dockerfile', ['DL3006']],
        ['Dockerfile', ['DL3006']],
        ['Dockerfile', ['DL3006']],
      ]);
      assert.deepEqual(lintDiagnostics(vendored), [], 'node_modules is not linted');
      assert.ok(!spy.linted.includes(vendored.fsPath));
    });

    it('cancelling stops before the next file: the files after it stay out of Problems', async () => {
      const later = [fixture(join('one', 'Dockerfile'), 'FROM busybox\n'), fixture(join('two', 'Dockerfile'), 'FROM busybox\n')];
      const found = (await findWorkspaceDockerfiles()).map((u) => u.fsPath);
      // The workspace's own Dockerfiles sort before this suite's folder, so two of them go first.
      assert.ok(later.every((u) => found.indexOf(u.fsPath) >= 2), `fixtures after the first two: ${found.join(', ')}`);
      const cts = new vscode.CancellationTokenSource();
      const spy = recording((count) => { if (count === 2) cts.cancel(); });
      const result = await lintWorkspaceDockerfiles(spy, cts.token);
      cts.dispose();
      assert.equal(result.cancelled, true);
      assert.equal(result.found, found.length);
      assert.equal(result.files, 2);
      assert.deepEqual(spy.linted, found.slice(0, 2));
      await api.lint.diagnostics.idle();
      for (const uri of later) assert.deepEqual(lintDiagnostics(uri), [], `${uri.fsPath} not linted after the cancel`);
    });

    it('a token cancelled before the start lints nothing', async () => {
      const uri = fixture('Dockerfile', 'FROM busybox\n');
      const cts = new vscode.CancellationTokenSource();
      cts.cancel();
      const spy = recording();
      const result = await lintWorkspaceDockerfiles(spy, cts.token);
      cts.dispose();
      assert.deepEqual(result, { found: 0, files: 0, problems: 0, cancelled: true });
      assert.deepEqual(spy.linted, []);
      assert.deepEqual(lintDiagnostics(uri), []);
    });
  });

  it('ShellCheck follows the workspace trust: off while untrusted (setting on), on once trust is granted', async () => {
    // The host tier opens a trusted workspace and cannot open an untrusted one, so this linter
    // gets a trust state the test controls; the ShellCheck program is the real one on PATH.
    const uri = fixture('Dockerfile', 'FROM busybox\nRUN echo $1\n');
    await setting('lint.shellcheck.enable', true);
    const granted = new vscode.EventEmitter<void>();
    const trust: WorkspaceTrust & { isTrusted: boolean } = { isTrusted: false, onDidGrantWorkspaceTrust: granted.event };
    const linter = new LintDiagnostics(api.config, api.extension.extensionPath, api.log, trust);
    try {
      assert.equal(api.config.lintShellcheckEnabled(uri, false), false);
      assert.equal(api.config.lintShellcheckEnabled(uri, true), true);
      const untrusted = await linter.lintNow(uri);
      assert.deepEqual(untrusted.map(summary), ['DL3006@0:5-0:12/Warning'], 'no ShellCheck finding while untrusted');

      const relinted = new Promise<void>((resolve) => {
        const sub = linter.onDidLint((linted) => { if (linted.toString() === uri.toString()) { sub.dispose(); resolve(); } });
      });
      trust.isTrusted = true;
      granted.fire();
      await relinted;
      const trusted = linter.collection.get(uri) ?? [];
      assert.deepEqual(trusted.map(summary), ['DL3006@0:5-0:12/Warning', 'SC2086@1:9-1:11/Information']);
      assert.equal(trusted[1].source, 'shellcheck');

      // And back: with trust, the setting alone decides.
      await setting('lint.shellcheck.enable', false);
      await waitFor('the setting to arrive', () => !(api.config.lintShellcheckEnabled(uri, true)), { wake: (resume) => vscode.workspace.onDidChangeConfiguration(resume) });
      assert.deepEqual((await linter.lintNow(uri)).map(summary), ['DL3006@0:5-0:12/Warning']);
    } finally {
      linter.dispose();
      granted.dispose();
    }
  });
});
