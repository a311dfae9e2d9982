// Build Image against the real engine: the context is the Dockerfile's folder unless the user
// picks an enclosing one, asked once per Dockerfile and remembered; a failing step's own output
// (escape codes removed) in the diagnostic and the notification; the tag suggested from the
// Dockerfile's folder. Only the questions are answered by the test hook.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WharfApi } from '../../../src/extension';
import { buildDiagnostics } from '../../../src/ui/commands/dockerfile';
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
    assert.match(first, new RegExp(`^Build failed at this step \\(context ${dir.replace(/[/.-]/g, (c) => `\\${c}`)}\\): .*returned a non-zero code: 3$`));
    assert.deepEqual(printed, ['first-marker', 'second-marker'], 'the step\'s own output, none of the builder\'s lines or escape codes');
    const notification = api.prompts.asked.find((q) => q.kind === 'error');
    assert.ok(notification, 'the failure is notified');
    assert.match(notification.message, / returned a non-zero code: 3 Last output: first-marker \| second-marker$/);
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
});
