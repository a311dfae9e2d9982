// Dockerfile editing in the real editor, every feature driven through VS Code's own commands
// (vscode.execute…Provider) on files written into the host workspace, against the private dockerd
// for what only Wharf knows (local images in FROM completion and hover, Build this stage). Waits
// end on the awaited state (test/engine/waitFor.ts); their limit only bounds a hang.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { waitFor } from '../../engine/waitFor';
import { engine, TEST_IMAGE, uniqueName, until, wharf } from './explorerSupport';

const MULTI = [
  'ARG BASE=wharf-test/busybox:latest',
  `FROM \${BASE} AS build`,
  'ARG GREETING=hello',
  `RUN echo $GREETING "\${GREETING}" '$GREETING' # $GREETING`,
  'LABEL stage=build',
  'FROM build AS final',
  'COPY --from=build /bin/busybox /busybox',
  'RUN --mount=type=bind,from=build,target=/b ls /b',
  'RUN <<EOF',
  'echo one',
  'echo two',
  'EOF',
  '   LABEL stage=final',
  '',
].join('\n');

const texts = (contents: (vscode.MarkdownString | vscode.MarkedString)[]) => contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Dockerfile editing', function () {
  let api: WharfApi;
  let dir: string;
  let n = 0;
  const cleanup: (() => Promise<unknown>)[] = [];
  const settings = vscode.workspace.getConfiguration('wharf');

  /** A fresh fixture file in this suite's folder, opened in an editor. */
  async function opened(text: string, name = 'Dockerfile'): Promise<vscode.TextDocument> {
    const path = join(dir, `case${++n}`, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.open', uri);
    return waitFor(`${path} to open`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
  }

  /** The position `shift` characters into the `nth` occurrence of `needle`. */
  function at(doc: vscode.TextDocument, needle: string, shift = 0, nth = 0): vscode.Position {
    let index = -1;
    for (let i = 0; i <= nth; i++) index = doc.getText().indexOf(needle, index + 1);
    assert.ok(index >= 0, `"${needle}" is in the document`);
    return doc.positionAt(index + shift);
  }

  async function completion(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    return list.items;
  }

  async function hover(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    return hovers.map((h) => texts(h.contents)).join('\n');
  }

  before(async () => {
    api = await wharf();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tier opens a workspace folder');
    dir = join(folder.uri.fsPath, `editing-suite-${process.pid}`);
    mkdirSync(dir, { recursive: true });
  });

  afterEach(async () => {
    for (const key of ['completion', 'hover', 'formatting', 'engine']) await settings.update(`editing.${key}.enable`, undefined, vscode.ConfigurationTarget.Global);
    for (const undo of cleanup.splice(0).reverse()) await undo();
    api.prompts.reset();
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.fsPath.startsWith(dir)) await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('completes instructions, flags, variables in scope and stage names', async () => {
    const doc = await opened(`${MULTI}EX\nCOPY --\nRUN echo $\nCOPY --from= /a /b\nRUN --mount=type=cache,from=,target=/c true\n`);
    const keywords = (await completion(doc, at(doc, 'EX\n', 2))).map(labelOf);
    assert.ok(keywords.some((l) => l.startsWith('EXPOSE')), `EXPOSE among ${keywords.join(', ')}`);
    const flags = (await completion(doc, at(doc, 'COPY --\n', 7))).map(labelOf);
    assert.ok(flags.some((l) => l.startsWith('--from')) && flags.some((l) => l.startsWith('--chown')), flags.join(', '));
    // GREETING was declared in the stage `build`: an ARG ends with its stage, and BASE is global.
    const variables = (await completion(doc, at(doc, 'echo $\n', 6))).map(labelOf);
    assert.ok(variables.includes('${HTTP_PROXY}') && !variables.includes('${GREETING}') && !variables.includes('${BASE}'), variables.join(', '));
    const inBuild = (await completion(doc, at(doc, '$GREETING', 1))).map(labelOf);
    assert.ok(inBuild.includes('${GREETING}'), inBuild.join(', '));
    const copyFrom = (await completion(doc, at(doc, 'COPY --from= ', 'COPY --from='.length))).map(labelOf);
    assert.ok(copyFrom.includes('build'), copyFrom.join(', '));
    // A stage can mount only the stages before it: the line is in `final`.
    const mountFrom = (await completion(doc, at(doc, 'from=,', 'from='.length))).map(labelOf);
    assert.deepEqual(mountFrom, ['build']);
    const fromStage = (await completion(doc, at(doc, 'build AS final'))).map(labelOf);
    assert.ok(fromStage.includes('build') && !fromStage.includes('final'), fromStage.join(', '));
  });

  it('completes FROM with the engine\'s local images, newest first, with size and age', async () => {
    // A newer image of our own: a container of the test image, committed now.
    const docker = engine();
    const repo = `wharf-test/${uniqueName('editing')}`;
    const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], Labels: { 'wharf.test': 'host' } });
    cleanup.push(() => container.remove({ force: true }).catch(() => undefined));
    const committed = await container.commit({ repo, tag: 'v1' }) as { Id: string };
    cleanup.push(() => docker.getImage(committed.Id).remove({ force: true }).catch(() => undefined));
    await until(api, `${repo}:v1 in the store`, () => api.sessions.current.store.images().some((i) => i.repoTags.includes(`${repo}:v1`)));

    const doc = await opened('FROM wharf-test/\n');
    const items = await completion(doc, new vscode.Position(0, 'FROM wharf-test/'.length));
    const local = items.filter((i) => typeof i.label !== 'string' && i.kind === vscode.CompletionItemKind.Module);
    const ours = local.map(labelOf).filter((l) => l === `${repo}:v1` || l === TEST_IMAGE);
    assert.deepEqual(ours, [`${repo}:v1`, TEST_IMAGE], 'the newer image first');
    const busybox = local.find((i) => labelOf(i) === TEST_IMAGE);
    assert.ok(busybox && typeof busybox.label !== 'string');
    assert.match(busybox.label.description ?? '', /^\d[\d.]* [kMG]?B · .+ ago$/);
    assert.ok(busybox.range, 'the item replaces what is typed');

    await settings.update('editing.engine.enable', false, vscode.ConfigurationTarget.Global);
    await waitFor('no local images with wharf.editing.engine.enable off', async () =>
      !(await completion(doc, new vscode.Position(0, 'FROM wharf-test/'.length))).some((i) => labelOf(i) === TEST_IMAGE));
  });

  it('hovers: instruction docs, and on a FROM image whether it is local, its size, date and layers, with a link to its row', async () => {
    const doc = await opened(`FROM ${TEST_IMAGE}\nRUN echo hi\nFROM wharf-test/not-here:1\n`);
    assert.match(await hover(doc, new vscode.Position(1, 1)), /RUN/);
    const local = await hover(doc, new vscode.Position(0, 8));
    assert.match(local, /local image/);
    assert.match(local, /Size: /);
    assert.match(local, /Created: /);
    assert.match(local, /Layers: \d+/);
    const link = /\(command:wharf\.image\.reveal\?([^)]+)\)/.exec(local);
    assert.ok(link, `a link to the Images row in ${local}`);
    const [id, reference] = JSON.parse(decodeURIComponent(link[1])) as [string, string];
    assert.equal(reference, TEST_IMAGE);
    assert.equal(await vscode.commands.executeCommand('wharf.image.reveal', id, reference), TEST_IMAGE);
    assert.equal(api.views.imagesView.selection[0]?.type === 'imageTag' && api.views.imagesView.selection[0].reference, TEST_IMAGE);
    assert.match(await hover(doc, new vscode.Position(2, 8)), /not in the engine's local images/);
  });

  it('signature help for the instruction being typed', async () => {
    const doc = await opened(`FROM ${TEST_IMAGE}\nHEALTHCHECK \n`);
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, new vscode.Position(1, 12));
    assert.ok(help && help.signatures.length > 0);
    assert.match(help.signatures.map((s) => s.label).join('\n'), /HEALTHCHECK/);
  });

  it('the Outline shows stages with their instructions; stages and heredocs fold', async () => {
    const doc = await opened(MULTI);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepEqual(symbols.map((s) => [s.name, s.children.map((c) => c.name)]), [
      ['ARG', ['BASE']],
      ['build', ['ARG', 'RUN', 'LABEL']],
      ['final', ['COPY', 'RUN', 'RUN', 'LABEL']],
    ]);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const spans = folds.map((f) => `${f.start}-${f.end}`);
    assert.ok(spans.includes('1-4') && spans.includes('5-12') && spans.includes('8-11'), spans.join(', '));
  });

  it('goes to a stage\'s and an ARG\'s definition and finds their references', async () => {
    const doc = await opened(MULTI);
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, '--from=build', 7));
    assert.deepEqual(definitions.map((d) => [d.range.start.line, d.range.start.character]), [[1, 16]]);
    const variable = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, '${GREETING}', 2));
    assert.deepEqual(variable.map((d) => [d.range.start.line, d.range.start.character]), [[2, 4]]);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at(doc, 'build', 0, 0));
    assert.deepEqual(references.map((r) => r.range.start.line).sort((a, b) => a - b), [1, 5, 6, 7]);
  });

  it('renames an ARG where Docker and the shell expand it, never in single quotes or comments; and a stage everywhere', async () => {
    const doc = await opened(MULTI);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'GREETING=', 0), 'SALUTE');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.lineAt(2).text, 'ARG SALUTE=hello');
    assert.equal(doc.lineAt(3).text, `RUN echo $SALUTE "\${SALUTE}" '$GREETING' # $GREETING`);
    const stage = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'AS build', 3), 'compile');
    assert.ok(await vscode.workspace.applyEdit(stage));
    assert.deepEqual([1, 5, 6, 7].map((line) => doc.lineAt(line).text), [
      `FROM \${BASE} AS compile`, 'FROM compile AS final', 'COPY --from=compile /bin/busybox /busybox', 'RUN --mount=type=bind,from=compile,target=/b ls /b',
    ]);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'AS compile', 3), '9lives')));
  });

  it('formats the document, a selection, and the line after a typed continuation', async () => {
    const doc = await opened(MULTI);
    const options = { tabSize: 4, insertSpaces: true };
    const whole = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, options);
    assert.deepEqual(whole.map((e) => [e.range.start.line, e.range.end.character, e.newText]), [[12, 3, '']]);
    const untouched = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatRangeProvider', doc.uri, new vscode.Range(0, 0, 2, 0), options);
    assert.deepEqual(untouched ?? [], [], 'nothing to format in lines 1-2');
    const selection = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatRangeProvider', doc.uri, new vscode.Range(11, 0, 12, 5), options);
    assert.deepEqual(selection.map((e) => [e.range.start.line, e.range.end.character, e.newText]), [[12, 3, '']]);
    const typed = await opened(`FROM ${TEST_IMAGE}\nRUN echo a \\\necho b\n`);
    const onType = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatOnTypeProvider', typed.uri, new vscode.Position(1, 12), '\\', options);
    assert.deepEqual(onType.map((e) => [e.range.start.line, e.newText]), [[2, '    ']]);

    await settings.update('editing.formatting.enable', false, vscode.ConfigurationTarget.Global);
    await waitFor('no formatter with wharf.editing.formatting.enable off', async () => {
      const off = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, options);
      return !off || off.length === 0;
    });
  });

  it('a setting turns hover and completion off, and back on', async () => {
    const doc = await opened(`FROM ${TEST_IMAGE}\nRUN echo hi\n`);
    const healthcheck = async () => (await completion(doc, new vscode.Position(1, 0))).some((i) => labelOf(i).startsWith('HEALTHCHECK'));
    assert.ok(await healthcheck(), 'completion offers HEALTHCHECK while on');
    await settings.update('editing.hover.enable', false, vscode.ConfigurationTarget.Global);
    await settings.update('editing.completion.enable', false, vscode.ConfigurationTarget.Global);
    await waitFor('no hover with wharf.editing.hover.enable off', async () => (await hover(doc, new vscode.Position(1, 1))) === '');
    // (The editor's word-based suggestions may still offer words of the document: HEALTHCHECK is none.)
    await waitFor('no instruction completion with wharf.editing.completion.enable off', async () => !(await healthcheck()));
    await settings.update('editing.hover.enable', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('editing.completion.enable', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('hover back on', async () => /RUN/.test(await hover(doc, new vscode.Position(1, 1))));
    await waitFor('completion back on', healthcheck);
  });

  it('"Build this stage" above each FROM … AS builds up to that stage', async () => {
    const doc = await opened(`FROM ${TEST_IMAGE} AS first\nLABEL stage=first\nFROM first AS second\nLABEL stage=second\n`);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments?.[3]]), [[0, 'wharf.dockerfile.build', 'first'], [2, 'wharf.dockerfile.build', 'second']]);
    assert.match(lenses[0].command?.title ?? '', /Build this stage/);
    const tag = `${uniqueName('stage')}:1`;
    cleanup.push(() => engine().getImage(tag).remove({ force: true }).catch(() => undefined));
    const [uri, selected, , target] = lenses[0].command?.arguments ?? [];
    // Below the workspace root, the first build of a Dockerfile asks for its context: its own folder.
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (folder) api.prompts.answerNext(`${folder.name}/${vscode.workspace.asRelativePath(join(doc.uri.fsPath, '..'), false)}`);
    assert.equal(await vscode.commands.executeCommand('wharf.dockerfile.build', uri, selected, tag, target), tag);
    const info = await engine().getImage(tag).inspect();
    assert.equal(info.Config.Labels?.stage, 'first', 'the build stopped at the stage `first`');
  });
});
