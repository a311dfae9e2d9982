// The Registries view and its commands in the real extension host, against the harness's real
// registries (htpasswd and bearer-token, scripts/lib/registries.mjs) and the private dockerd.
// Docker's config is the harness's temp DOCKER_CONFIG; only the dialogs are answered by the test
// hook. Docker Hub is listed but never expanded: the test bed reaches loopback only.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RegistryTagNode, RegistryTreeNode } from '../../../src/ui/tree/registriesTree';
import { authRegistries } from '../../engine/env';
import { waitFor } from '../../engine/waitFor';
import { engine, engineSuite, TEST_IMAGE, until } from './explorerSupport';

describe('Registries view', function () {
  const suite = engineSuite();
  const { run, cleanup } = suite;
  const { basic, token, user, password } = authRegistries();
  const repository = `wharf-host/app-${process.pid}-${Date.now().toString(36)}`;
  const configFile = (): string => path.join(process.env.DOCKER_CONFIG ?? '', 'config.json');
  const tree = () => suite.api.registries.tree;

  async function rootRow(registry: string): Promise<vscode.TreeItem> {
    const nodes = await tree().getChildren();
    const node = nodes.find((n) => n.type === 'registry' && n.registry === registry);
    assert.ok(node, `${registry} is listed: ${JSON.stringify(nodes)}`);
    return tree().getTreeItem(node);
  }

  /** The rows under a node, asked for again whenever the view says it changed. */
  function rowsUnder<T>(node: RegistryTreeNode, what: string, check: (children: RegistryTreeNode[]) => T | undefined | false): Promise<T> {
    return waitFor(what, async () => check(await tree().getChildren(node)), { wake: (resume) => tree().onDidChangeTreeData(() => resume()) });
  }

  async function tagRow(registry: string, tag: string): Promise<RegistryTagNode> {
    return rowsUnder({ type: 'repository', registry, repository }, `${registry}/${repository}:${tag} listed`,
      (rows) => rows.find((r): r is RegistryTagNode => r.type === 'registryTag' && r.tag === tag));
  }

  before(() => {
    assert.ok(process.env.DOCKER_CONFIG, 'DOCKER_CONFIG is not set: the harness gives Wharf a temp docker config, never the user\'s');
  });

  after(async () => {
    // Later suites push without being asked where: nobody stays signed in.
    for (const registry of [basic, token]) await run('wharf.registry.logout', registry);
  });

  it('lists Docker Hub by default, not signed in', async () => {
    const [first] = await tree().getChildren();
    assert.deepEqual(first, { type: 'registry', registry: 'docker.io' });
    const row = await rootRow('docker.io');
    assert.equal(row.label, 'Docker Hub');
    assert.equal(row.description, 'not signed in');
    assert.match(String(row.contextValue), /^registry signedOut/);
  });

  it('Log In with a wrong password fails and stores nothing', async () => {
    suite.api.prompts.answerNext(user, `wrong-${password}`);
    assert.equal(await run('wharf.registry.login', basic), undefined);
    const config = await readFile(configFile(), 'utf8').catch(() => '{}');
    assert.ok(!config.includes(basic), config);
  });

  it('Log In to both registries (Basic and Bearer): each shows its account; config.json holds them, and Wharf says so', async () => {
    for (const registry of [basic, token]) {
      suite.api.prompts.answerNext(user, password);
      assert.deepEqual(await run('wharf.registry.login', registry), { registry, stored: 'file' });
      const said = suite.api.prompts.asked.find((q) => q.kind === 'info' && q.message.startsWith(`Logged in to ${registry}`));
      assert.match(said?.message ?? '', /stored unencrypted \(base64\) in .*config\.json: configure a credential helper/);
      const row = await rootRow(registry);
      assert.equal(row.description, user);
      assert.match(String(row.contextValue), /^registry signedIn/);
    }
    const config = JSON.parse(await readFile(configFile(), 'utf8')) as { auths: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.auths).sort(), [basic, token].sort());
  });

  it('Push from an image row offers the signed-in registries and tags the image for the chosen one; the tag shows in both views', async () => {
    for (const registry of [basic, token]) {
      const target = `${registry}/${repository}:1.0`;
      cleanup.push(() => engine().getImage(target).remove().catch(() => undefined));
      suite.api.prompts.answerNext(registry, target);
      const image = suite.api.sessions.current.store.images().find((i) => i.repoTags.includes(TEST_IMAGE));
      assert.ok(image);
      const digest = await run<string>('wharf.image.push', { type: 'imageTag', reference: TEST_IMAGE, imageId: image.id });
      assert.match(digest ?? '', /^sha256:/, 'the push returns the digest');
      const [pick, input] = suite.api.prompts.asked.slice(-2);
      assert.deepEqual(pick.choices.slice(0, 1), [`As tagged: ${TEST_IMAGE}`]);
      assert.deepEqual([...pick.choices.slice(1)].sort(), [basic, token].sort(), 'every registry signed in to');
      assert.equal(input.value, `${registry}/wharf-test/busybox:latest`, 'the image\'s own path on the chosen registry is proposed');
      await until(suite.api, 'the new tag in the Images view', () => suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(target)));
      const repositories = await rowsUnder({ type: 'registry', registry }, 'the repository in the Registries view',
        (rows) => rows.some((r) => r.type === 'repository' && r.repository === repository) && rows);
      assert.ok(repositories);
      const tag = await tagRow(registry, '1.0');
      // A row shown (its item asked for) fetches its details.
      const details = await waitFor('the tag\'s details', () => { tree().getTreeItem(tag); return tree().detailsOf(tag); }, { wake: (resume) => tree().onDidChangeTreeData(() => resume()) });
      assert.equal(details.digest, digest);
      const item = tree().getTreeItem(tag);
      assert.match(String(item.description), new RegExp(`^${digest.slice(0, 19)} · \\d.* · .*ago$`));
    }
  });

  it('Pull from a tag row brings the image back; it shows in the Images view', async () => {
    for (const registry of [basic, token]) {
      const reference = `${registry}/${repository}:1.0`;
      await engine().getImage(reference).remove().catch(() => undefined);
      await until(suite.api, 'the tag gone from the Images view', () => !suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
      cleanup.push(() => engine().getImage(reference).remove().catch(() => undefined));
      assert.equal(await run('wharf.registry.pullTag', await tagRow(registry, '1.0')), reference);
      await until(suite.api, 'the pulled tag in the Images view', () => suite.api.sessions.current.store.images().some((i) => i.repoTags.includes(reference)));
    }
  });

  it('Copy Reference copies what docker pull takes', async () => {
    assert.equal(await run('wharf.registry.copyReference', await tagRow(token, '1.0')), `${token}/${repository}:1.0`);
    assert.equal(await vscode.env.clipboard.readText(), `${token}/${repository}:1.0`);
  });

  it('Delete Tag asks first, Keep Tag first; Delete removes it from the registry and the view', async () => {
    for (const registry of [basic, token]) {
      const tag = await tagRow(registry, '1.0');
      suite.api.prompts.answerNext('Keep Tag');
      assert.equal(await run('wharf.registry.deleteTag', tag), undefined);
      const question = suite.api.prompts.asked.at(-1);
      assert.deepEqual(question?.choices, ['Keep Tag', 'Delete']);
      assert.match(question?.message ?? '', /deletes by digest: manifest sha256:[a-f0-9]{64} goes, and with it every tag/);
      assert.ok(await tagRow(registry, '1.0'), 'kept');
      suite.api.prompts.answerNext('Delete');
      assert.match(String(await run('wharf.registry.deleteTag', tag)), /^sha256:/);
      await rowsUnder({ type: 'repository', registry, repository }, 'the tag gone from the view', (rows) => !rows.some((r) => r.type === 'registryTag') && rows);
      const client = await suite.api.registries.open(registry);
      assert.deepEqual((await client.tags(repository)).items, []);
    }
  });

  it('Open Repository shows a repository by name under its registry', async () => {
    const name = `wharf-host/opened-${Date.now().toString(36)}`;
    suite.api.prompts.answerNext(name);
    assert.equal(await run('wharf.registry.openRepository', token), name);
    await rowsUnder({ type: 'registry', registry: token }, 'the opened repository', (rows) => rows.some((r) => r.type === 'repository' && r.repository === name));
    const tags = await tree().getChildren({ type: 'repository', registry: token, repository: name });
    assert.equal(tags.length, 1);
    assert.equal(tags[0].type, 'registryMessage', 'a repository the registry does not have says so');
    assert.match(String(tree().getTreeItem(tags[0]).label), new RegExp(`has no repository ${name}`));
  });

  it('Log Out forgets the credentials: the account goes from the view and browsing asks to log in', async () => {
    assert.equal(await run('wharf.registry.logout', basic), basic);
    const config = JSON.parse(await readFile(configFile(), 'utf8')) as { auths: Record<string, unknown> };
    assert.deepEqual(Object.keys(config.auths), [token]);
    const nodes = await tree().getChildren();
    assert.ok(!nodes.some((n) => n.type === 'registry' && n.registry === basic), 'a registry docker no longer names, not added in Wharf, leaves the view');
  });

  it('Add Registry checks the address, asks to log in when the registry wants it, and Remove takes it away again', async () => {
    suite.api.prompts.answerNext(`http://${basic}/v2/`, user, password);
    assert.equal(await run('wharf.registry.add'), basic);
    const row = await rootRow(basic);
    assert.equal(row.description, user);
    assert.match(String(row.contextValue), /^registry signedIn added$/);
    suite.api.prompts.answerNext('Log Out and Remove');
    assert.equal(await run('wharf.registry.remove', basic), basic);
    assert.ok(!(await tree().getChildren()).some((n) => n.type === 'registry' && n.registry === basic));
    const config = JSON.parse(await readFile(configFile(), 'utf8')) as { auths: Record<string, unknown> };
    assert.ok(!(basic in config.auths));
  });
});
