// Build Image against the real engine (dockerd 20.10: BuildKit): the context is the Dockerfile's
// folder unless the user picks an enclosing one, asked once per Dockerfile and remembered, and
// CopyIgnoredFile follows the pick; a failing step's own output (escape codes removed) in the
// diagnostic and the notification; the tag suggested from the Dockerfile's folder; a BuildKit-only
// file built with its steps in the Build terminal; 1.4+ syntax explained before it is sent; Build
// this stage from the code lens. Only the questions are answered by the test hook.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { buildDiagnostics } from '../../../src/ui/commands/dockerfile';
import { waitFor } from '../../engine/waitFor';
import { engine, TEST_IMAGE, uniqueName, wharf } from './explorerSupport';

describe('Build Image', function () {
  let api: WharfApi;
  let workspace: vscode.WorkspaceFolder;
  const cleanup: Array<() => Promise<unknown> | void> = [];
  const run = <T>(command: string, ...args: unknown[]): Thenable<T> => vscode.commands.executeCommand<T>(command, ...args);
  const neverAskedAgain = (): never => { throw new Error('the build context was asked again'); };

  /** A folder of its own in the workspace, removed afterwards; returns its path and name. */
  function workspaceDir(): { dir: string; name: string } {
    const name = uniqueName('ctx');
    const dir = join(workspace.uri.fsPath, name);
    mkdirSync(dir);
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return { dir, name };
  }

  function removeImageLater(tag: string): void {
    cleanup.push(() => engine().getImage(tag).remove({ force: true }).catch(() => undefined));
  }

  before(async () => {
    api = await wharf();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tier opens a workspace folder');
    workspace = folder;
  });
  afterEach(async () => {
    api.prompts.reset();
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  it('asks for the context the first time, offering the Dockerfile\'s folder first; the choice is remembered', async () => {
    const { dir, name } = workspaceDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'shared.txt'), 'beside the app folder\n');
    const dockerfile = vscode.Uri.file(join(dir, 'app', 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE}\nCOPY shared.txt /shared.txt\n`);
    const tag = `${uniqueName('ctx')}:1`;
    removeImageLater(tag);

    api.prompts.answerNext(`${workspace.name}/${name}`);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag), tag, 'built from the enclosing folder, where shared.txt is');
    const [question] = api.prompts.asked;
    assert.equal(question.kind, 'quickPick');
    assert.equal(question.message, `Build context for ${name}/app/Dockerfile\nThe folder sent to the engine: COPY and ADD read their files from it. Wharf remembers the answer for this Dockerfile.`);
    assert.deepEqual(question.choices, [`${workspace.name}/${name}/app`, `${workspace.name}/${name}`, workspace.name]);
    const built = await engine().getImage(tag).inspect();

    api.prompts.reset();
    api.prompts.answerNext(neverAskedAgain);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag), tag);
    assert.deepEqual(api.prompts.asked.filter((q) => q.kind === 'quickPick'), [], 'asked once per Dockerfile');
    assert.equal((await engine().getImage(tag).inspect()).Id, built.Id, 'the same context, so the same image again');
  });

  it('a COPY of a file outside the chosen context fails with the context named in the diagnostic and the notification', async () => {
    const { dir, name } = workspaceDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'package.json'), '{}\n');
    const dockerfile = vscode.Uri.file(join(dir, 'app', 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE}\nCOPY package.json ./\n`);
    const tag = `${uniqueName('nocopy')}:1`;
    removeImageLater(tag);

    api.prompts.answerNext(`${workspace.name}/${name}/app`);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag), undefined);
    const [diagnostic] = buildDiagnostics(dockerfile);
    assert.equal(diagnostic.range.start.line, 1);
    assert.match(diagnostic.message, new RegExp(`^Build failed at this step \\(context ${workspace.name}/${name}/app\\): .*package\\.json`));
    const notification = api.prompts.asked.find((q) => q.kind === 'error');
    assert.ok(notification, 'the failure is notified');
    assert.match(notification.message, new RegExp(`^Wharf: building ${tag} from ${workspace.name}/${name}/app failed at line 2 of ${name}/app/Dockerfile: .*package\\.json.* COPY reads its files from the build context, ${workspace.name}/${name}/app\\.`));
    assert.deepEqual(notification.choices, ['Show Build Output', 'Change Build Context…']);
  });

  it('a failing RUN\'s last output, escape codes removed, is in the diagnostic and the notification', async () => {
    // Outside the workspace: built from its own folder, nothing to ask.
    const dir = mkdtempSync(join(tmpdir(), 'wharf-build-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dockerfile = vscode.Uri.file(join(dir, 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, [
      `FROM ${TEST_IMAGE}`,
      'RUN echo an-earlier-step',
      // All on stderr: the builder does not keep stdout and stderr lines in the order written.
      'RUN printf \'\\033[31mfirst-marker\\033[0m\\n\' >&2 && echo second-marker >&2 && exit 3',
      '',
    ].join('\n'));
    const tag = `${uniqueName('stderr')}:1`;
    removeImageLater(tag);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag), undefined);
    assert.deepEqual(api.prompts.asked.filter((q) => q.kind === 'quickPick'), []);

    const [diagnostic] = buildDiagnostics(dockerfile);
    assert.equal(diagnostic.range.start.line, 2);
    const [first, ...printed] = diagnostic.message.split('\n');
    assert.match(first, new RegExp(`^Build failed at this step \\(context ${dir.replace(/[/.-]/g, (c) => `\\${c}`)}\\): .*exit code: 3$`));
    assert.deepEqual(printed, ['first-marker', 'second-marker'], 'the step\'s own output, none of the builder\'s lines or escape codes');
    const notification = api.prompts.asked.find((q) => q.kind === 'error');
    assert.ok(notification, 'the failure is notified');
    assert.match(notification.message, / exit code: 3 Last output: first-marker \| second-marker$/);
    assert.ok(!notification.message.includes('\x1b'));
    assert.deepEqual(notification.choices, ['Show Build Output'], 'outside the workspace there is no other context to offer');
  });

  it('suggests a tag made from the Dockerfile\'s folder name', async () => {
    const { dir, name } = workspaceDir();
    const folder = join(dir, 'My App_2.0!');
    mkdirSync(folder);
    const dockerfile = vscode.Uri.file(join(folder, 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE}\n`);
    api.prompts.answerNext(`${workspace.name}/${name}/My App_2.0!`, undefined);
    assert.equal(await run('wharf.dockerfile.build', dockerfile), undefined, 'cancelled at the tag');
    const input = api.prompts.asked.find((q) => q.kind === 'input');
    assert.equal(input?.value, 'my-app_2.0:latest');
  });
  const transcript = (): Thenable<string[]> => run<string[]>('wharf.dockerfile.lastBuildTranscript');

  it('builds a BuildKit-only Dockerfile (cache and secret mounts), each step in the Build terminal with its state, line and time', async () => {
    const { dir } = workspaceDir();
    const dockerfile = vscode.Uri.file(join(dir, 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, [
      `FROM ${TEST_IMAGE}`,
      'RUN --mount=type=cache,target=/cache echo cached-run >> /cache/log && cp /cache/log /log',
      'RUN --mount=type=secret,id=token test -s /run/secrets/token && echo secret-read > /proof',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'token.txt'), 'not-in-the-image');
    const tag = `${uniqueName('bkhost')}:1`;
    removeImageLater(tag);
    const options = { secrets: ['id=token,src=token.txt'], noCache: true };
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag, undefined, dir, options), tag);
    const shown = await transcript();
    assert.match(shown[0], new RegExp(`^Building ${tag.replace(/[.:]/g, '\\$&')} from `));
    assert.match(shown[1], /^Builder: BuildKit \(Docker Engine 20\.10\.\d+\)$/);
    assert.ok(shown.some((l) => /^▶ \[(?:stage-0 )?2\/3\] RUN --mount=type=cache.* \(line 2\)$/.test(l)), shown.join('\n'));
    assert.ok(shown.some((l) => /^✔ \[(?:stage-0 )?3\/3\] RUN --mount=type=secret.* \(line 3\) {2}\d+\.\ds$/.test(l)), shown.join('\n'));
    assert.match(shown.at(-1) ?? '', new RegExp(`^Built ${tag.replace(/[.:]/g, '\\$&')} \\([0-9a-f]{12}\\) in `));
    assert.ok(!shown.some((l) => l.includes('not-in-the-image')));

    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag, undefined, dir, { secrets: options.secrets }), tag);
    const again = await transcript();
    assert.ok(again.some((l) => /^✔ \[(?:stage-0 )?2\/3\] RUN --mount=type=cache.* \(line 2\) {2}CACHED$/.test(l)), again.join('\n'));
  });

  it('a heredoc file is not sent: its line says why and what to do, the linter offers the # syntax= line', async () => {
    const { dir } = workspaceDir();
    const dockerfile = vscode.Uri.file(join(dir, 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE}\nRUN <<EOF\necho from-a-heredoc > /x\nEOF\n`);
    const tag = `${uniqueName('heredoc')}:1`;
    removeImageLater(tag);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag, undefined, dir), undefined);
    const [diagnostic] = buildDiagnostics(dockerfile);
    assert.equal(diagnostic.range.start.line, 1);
    assert.match(diagnostic.message, /^Dockerfile:2: RUN <<EOF needs Dockerfile frontend 1\.4\+; Docker Engine 20\.10\.\d+'s built-in frontend is older and rejects it\. Add "# syntax=docker\/dockerfile:1" as the first line when the engine can reach Docker Hub .* or upgrade to Docker Engine 23 or later\.$/);
    const notification = api.prompts.asked.find((q) => q.kind === 'error');
    assert.ok(notification, 'the explanation is notified');
    assert.match(notification.message, /^Wharf: .*Dockerfile was not sent to the engine: /);
    assert.deepEqual(notification.choices, ['Add "# syntax=docker/dockerfile:1"']);
    assert.ok(!(await transcript()).some((l) => /^[▶✔✘] /.test(l)), 'no step ran');
    await assert.rejects(Promise.resolve(engine().getImage(tag).inspect()), 'no image');

    await vscode.window.showTextDocument(dockerfile);
    const lint = await waitFor('the linter\'s FrontendSyntaxRequired', () => vscode.languages.getDiagnostics(dockerfile).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'FrontendSyntaxRequired'), { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume) });
    assert.equal(lint.range.start.line, 1);
    const actions = await waitFor('its quick fix', async () => {
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', dockerfile, lint.range, vscode.CodeActionKind.QuickFix.value);
      return offered?.find((a) => a.title.includes('# syntax=docker/dockerfile:1'));
    });
    assert.ok(actions.edit, 'the quick fix edits the file');
    assert.deepEqual(actions.edit.get(dockerfile).map((e) => [e.range.start.line, e.newText]), [[0, '# syntax=docker/dockerfile:1\n']]);
  });

  it('Build this stage (the code lens on FROM … AS) builds that stage only', async () => {
    const { dir } = workspaceDir();
    const dockerfile = vscode.Uri.file(join(dir, 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE} AS tools\nRUN --mount=type=cache,target=/c echo tools > /stage\nFROM tools AS app\nRUN echo app > /stage\n`);
    await vscode.window.showTextDocument(dockerfile);
    const lens = await waitFor('the Build this stage lens of "tools"', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', dockerfile, 10);
      return lenses?.find((l) => l.command?.command === 'wharf.dockerfile.build' && l.command.arguments?.[3] === 'tools');
    });
    assert.equal(lens.range.start.line, 0);
    const tag = `${uniqueName('stage')}:1`;
    removeImageLater(tag);
    const [uri, selected, , target] = lens.command?.arguments ?? [];
    assert.equal(await run('wharf.dockerfile.build', uri, selected, tag, target, dir), tag);
    const built = await engine().getImage(tag).inspect();
    assert.ok(!(await transcript()).some((l) => l.includes('echo app')), 'the app stage was not built');
    assert.ok(built.Id);
  });

  it('CopyIgnoredFile reads the .dockerignore of the context the user picked, and follows a new pick', async () => {
    const { dir, name } = workspaceDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, '.dockerignore'), 'shared.txt\n');
    writeFileSync(join(dir, 'shared.txt'), 'x\n');
    const dockerfile = vscode.Uri.file(join(dir, 'app', 'Dockerfile'));
    writeFileSync(dockerfile.fsPath, `FROM ${TEST_IMAGE}\nCOPY shared.txt /shared.txt\n`);
    const copyIgnored = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(dockerfile).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'CopyIgnoredFile');
    await vscode.window.showTextDocument(dockerfile);
    await api.lint.diagnostics.idle();
    assert.deepEqual(copyIgnored(), [], 'built from its own folder, which has no .dockerignore');

    const tag = `${uniqueName('ctxignore')}:1`;
    removeImageLater(tag);
    api.prompts.answerNext(`${workspace.name}/${name}`);
    assert.equal(await run('wharf.dockerfile.build', dockerfile, undefined, tag), undefined, 'shared.txt is not in the context the .dockerignore leaves');
    const [warning] = await waitFor('CopyIgnoredFile for the picked context', () => copyIgnored().length > 0 && copyIgnored(), { wake: (resume) => vscode.languages.onDidChangeDiagnostics(resume) });
    assert.equal(warning.range.start.line, 1);
  });
});
