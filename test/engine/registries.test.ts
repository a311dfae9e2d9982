// The Registries feature against the harness's real registries (scripts/lib/registries.mjs): one
// with htpasswd basic auth, one behind a bearer-token server; the real dockerd pushes and pulls
// with the credentials Wharf stored. Each registry gets the same story: a wrong password is
// refused and nothing stored, log in stores the credentials (config.json, or the credsStore
// helper), the catalog and tags list (paged), a tag's details match what the engine pushed, pull
// brings it back, delete removes it, log out forgets.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pullImage, pushImage, tagImage } from '../../src/docker/images';
import { RegistryClient, RegistryError } from '../../src/docker/registry';
import { logIn, logOut, openRegistry, registryEndpoint } from '../../src/docker/registryAccess';
import { configuredRegistries, credentialsFor } from '../../src/docker/registryAuth';
import { engineTreatsAsInsecure, registryConfigOf } from '../../src/docker/registryTrust';
import { writeCredentialHelper } from './credentialHelper';
import { authRegistries, rawDocker, TEST_IMAGE, uniqueName } from './env';

const docker = rawDocker();

function isRegistryError(code: RegistryError['code']): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof RegistryError, String(err));
    assert.equal(err.code, code, err.message);
    return true;
  };
}

for (const kind of ['basic', 'token'] as const) {
  describe(`registries (engine): the ${kind === 'basic' ? 'htpasswd (Basic)' : 'token-server (Bearer)'} registry`, function () {
    const { user, password, ...addresses } = authRegistries();
    const registry = addresses[kind];
    const repository = `wharf-test/${kind}-${process.pid}`;
    let dir: string;
    let configDir: string;
    const local: string[] = [];

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-registries-'));
      configDir = path.join(dir, 'config');
      await mkdir(configDir);
    });

    after(async () => {
      for (const ref of local) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });

    it('speaks the challenge the registry sends; anonymous browsing is refused', async () => {
      const client = new RegistryClient({ registry, insecure: true });
      const { auth, url } = await client.ping();
      assert.equal(auth, kind === 'basic' ? 'basic' : 'bearer');
      assert.equal(url, `http://${registry}`, 'loopback is insecure-allowed: plain HTTP after HTTPS failed');
      await assert.rejects(client.catalog(), isRegistryError('unauthorized'));
    });

    it('a wrong password is a clear error that quotes no secret, and nothing is stored', async () => {
      const wrong = `not-${password}`;
      await assert.rejects(logIn(registry, { username: user, password: wrong }, { configDir, engineRegistryConfig: undefined }), (err) => {
        isRegistryError('wrongCredentials')(err);
        const text = `${(err as Error).message} ${(err as RegistryError).hint}`;
        assert.match(text, new RegExp(`${registry.replace(/\./g, '\\.')} refused the user name or password`));
        assert.ok(!text.includes(wrong) && !text.includes(password), text);
        return true;
      });
      assert.equal(await credentialsFor(registry, { configDir }), undefined);
      assert.deepEqual(await configuredRegistries({ configDir }), []);
    });

    it(kind === 'basic'
      ? 'log in stores the credentials in config.json (no helper configured) and says so; the registry is listed'
      : 'log in stores the token server\'s refresh (identity) token in config.json, not the password; the registry is listed', async () => {
      const result = await logIn(registry, { username: user, password }, { configDir });
      assert.equal(result.auth, kind === 'basic' ? 'basic' : 'bearer');
      assert.equal(result.identityToken, kind === 'token');
      assert.deepEqual(result.stored, { kind: 'file', file: path.join(configDir, 'config.json') });
      const text = await readFile(path.join(configDir, 'config.json'), 'utf8');
      const config = JSON.parse(text) as { auths: Record<string, { auth: string; identitytoken?: string }> };
      if (kind === 'basic') {
        assert.equal(Buffer.from(config.auths[registry].auth, 'base64').toString(), `${user}:${password}`);
      } else {
        assert.equal(Buffer.from(config.auths[registry].auth, 'base64').toString(), `${user}:`, 'the user name, no password');
        assert.match(config.auths[registry].identitytoken ?? '', /^[\w-]{16,}$/);
        assert.ok(!text.includes(password), text);
        assert.equal((await credentialsFor(registry, { configDir }))?.username, user, 'the account is still known');
      }
      assert.deepEqual(await configuredRegistries({ configDir }), [{ registry, source: 'auths' }]);
    });

    it('push through the engine with the stored credentials; catalog, tags (paged) and tag details show it', async () => {
      // A second repository, so that the catalog has pages to follow.
      const references = [`${registry}/${repository}-second:1`, ...['1.0', '1.1', '2.0'].map((tag) => `${registry}/${repository}:${tag}`)];
      let pushedDigest: string | undefined;
      for (const reference of references) {
        local.push(reference);
        await tagImage(docker, TEST_IMAGE, reference);
        pushedDigest = (await pushImage(docker, reference, { auth: { configDir } })).digest;
      }
      assert.match(pushedDigest ?? '', /^sha256:[a-f0-9]{64}$/);

      const client = await openRegistry(registry, { configDir, engineRegistryConfig: registryConfigOf(await docker.info() as Record<string, unknown>) });
      const repositories: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await client.catalog({ pageSize: 1, next });
        repositories.push(...page.items);
        next = page.next;
        pages++;
      } while (next && pages < 50);
      assert.deepEqual(repositories.filter((r) => r.startsWith(repository)), [repository, `${repository}-second`]);
      assert.ok(pages >= 2, 'a page of one repository links to the next');

      // distribution 2.8 pages its catalog but not tag lists (it ignores n): follow Links while there are some.
      const listed: string[] = [];
      let tagPage: string | undefined;
      do {
        const page = await client.tags(repository, { pageSize: 2, next: tagPage });
        listed.push(...page.items);
        tagPage = page.next;
      } while (tagPage);
      assert.deepEqual(listed.sort(), ['1.0', '1.1', '2.0']);

      const details = await client.tagDetails(repository, '2.0');
      assert.equal(details.digest, pushedDigest, 'the digest the engine reported for the push');
      assert.deepEqual(details.platforms, []);
      const image = await docker.getImage(TEST_IMAGE).inspect();
      assert.ok(details.size && details.size > 100_000 && details.size < image.Size, `compressed size ${details.size} of ${image.Size}`);
      assert.equal(details.created?.getTime(), new Date(image.Created).getTime(), 'the date from the config blob');
    });

    if (kind === 'basic') {
      it('a manifest list (OCI index) shows its platforms, attestations left out; size and date are the first platform\'s', async () => {
        const client = await openRegistry(registry, { configDir });
        const digest = await client.digestOf(repository, '2.0');
        const single = await client.tagDetails(repository, '2.0');
        // The engine (20.10) pushes no index: one is put beside the pushed manifest, as buildx would.
        const manifestSize = Number((await fetch(`http://${registry}/v2/${repository}/manifests/${digest}`, {
          method: 'HEAD', headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, accept: 'application/vnd.docker.distribution.manifest.v2+json' },
        })).headers.get('content-length'));
        const entry = (platform: Record<string, string>): unknown => ({ mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest, size: manifestSize, platform });
        const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [entry({ os: 'linux', architecture: 'amd64' }), entry({ os: 'linux', architecture: 'arm', variant: 'v7' }), entry({ os: 'unknown', architecture: 'unknown' })] };
        const put = await fetch(`http://${registry}/v2/${repository}/manifests/multi`, {
          method: 'PUT', body: JSON.stringify(index),
          headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'content-type': 'application/vnd.oci.image.index.v1+json' },
        });
        assert.equal(put.status, 201, await put.text());
        const details = await client.tagDetails(repository, 'multi');
        assert.equal(details.mediaType, 'application/vnd.oci.image.index.v1+json');
        assert.deepEqual(details.platforms.map((p) => [p.os, p.architecture, p.variant]), [['linux', 'amd64', undefined], ['linux', 'arm', 'v7']]);
        assert.notEqual(details.digest, digest, 'the index has a digest of its own');
        assert.equal(details.size, single.size);
        assert.equal(details.created?.getTime(), single.created?.getTime());
      });
    }

    it('pull through the engine brings a tag back', async () => {
      const reference = `${registry}/${repository}:1.1`;
      await docker.getImage(reference).remove().catch(() => undefined);
      await pullImage(docker, reference, { auth: { configDir } });
      assert.ok((await docker.getImage(reference).inspect()).RepoTags?.includes(reference));
    });

    it('delete a tag removes its manifest by digest; the tag no longer lists and pull fails', async () => {
      const client = await openRegistry(registry, { configDir });
      const digest = await client.digestOf(repository, '1.0');
      // 1.0, 1.1 and 2.0 are one image: deleting the manifest takes every tag of that digest.
      assert.equal(await client.deleteTag(repository, '1.0'), digest);
      // (The basic registry's "multi" index is a manifest of its own, and stays.)
      assert.deepEqual((await client.tags(repository)).items.filter((t) => t !== 'multi'), []);
      await assert.rejects(client.tagDetails(repository, '2.0'), isRegistryError('notFound'));
      const reference = `${registry}/${repository}:1.0`;
      await docker.getImage(reference).remove().catch(() => undefined);
      await assert.rejects(pullImage(docker, reference, { auth: { configDir } }));
    });

    it('log out forgets the credentials; browsing is refused again', async () => {
      await logOut(registry, { configDir });
      assert.equal(await credentialsFor(registry, { configDir }), undefined);
      const client = await openRegistry(registry, { configDir });
      await assert.rejects(client.tags(repository), isRegistryError('unauthorized'));
    });

    it('with a credsStore helper, log in stores the secret in the helper, not in config.json; push uses it; log out erases it', async () => {
      const helperDir = path.join(dir, 'helper');
      await mkdir(helperDir);
      const helper = await writeCredentialHelper(helperDir);
      const storeDir = path.join(dir, 'store-config');
      await mkdir(storeDir);
      await writeFile(path.join(storeDir, 'config.json'), JSON.stringify({ credsStore: helper.name }));
      const options = { configDir: storeDir, env: helper.env };
      const result = await logIn(registry, { username: user, password }, options);
      assert.deepEqual(result.stored, { kind: 'helper', helper: helper.name, file: path.join(storeDir, 'config.json') });
      const stored = (await helper.stored())[registry];
      if (kind === 'basic') assert.deepEqual(stored, { Username: user, Secret: password });
      else assert.ok(stored.Username === '<token>' && stored.Secret && stored.Secret !== password, 'an identity token, as the helper protocol marks it');
      const configText = await readFile(path.join(storeDir, 'config.json'), 'utf8');
      assert.ok(!configText.includes(password) && !configText.includes(Buffer.from(`${user}:${password}`).toString('base64')), configText);
      assert.deepEqual(await configuredRegistries(options), [{ registry, source: 'credsStore', helper: helper.name }]);

      const reference = `${registry}/${repository}-helper:${uniqueName('t').slice(-12)}`;
      local.push(reference);
      await tagImage(docker, TEST_IMAGE, reference);
      await pushImage(docker, reference, { auth: options });
      const client = await openRegistry(registry, options);
      assert.ok((await client.tags(`${repository}-helper`)).items.length === 1);

      await logOut(registry, options);
      assert.deepEqual(await helper.stored(), {});
      assert.equal(await credentialsFor(registry, options), undefined);
    });
  });
}

describe('registries (engine): what the engine allows', function () {
  it('reads the engine\'s insecure registries: loopback is allowed, another host is not', async () => {
    const config = registryConfigOf(await docker.info() as Record<string, unknown>);
    assert.ok(config?.InsecureRegistryCIDRs?.includes('127.0.0.0/8'), JSON.stringify(config));
    const { basic } = authRegistries();
    assert.equal(await engineTreatsAsInsecure(config, basic), true);
    assert.equal(await engineTreatsAsInsecure(config, 'registry.invalid:5000', async () => ['10.9.8.7']), false);
    assert.equal(await engineTreatsAsInsecure(config, 'mirror.invalid:5000', async () => ['127.0.0.2']), true, 'a name that resolves to loopback');
  });

  it('a plain-HTTP registry the engine does not allow is refused with the engine\'s remedy', async () => {
    const { basic } = authRegistries();
    // The same registry, as if the engine did not list it: Wharf will not fall back to HTTP.
    const endpoint = await registryEndpoint(basic, undefined, { engineRegistryConfig: { InsecureRegistryCIDRs: [], IndexConfigs: {} } });
    assert.equal(endpoint.insecure, false);
    await assert.rejects(new RegistryClient(endpoint).ping(), (err) => {
      isRegistryError('insecure')(err);
      assert.match((err as Error).message, /plain HTTP.*the engine will refuse to push to or pull from it/);
      assert.match((err as RegistryError).hint ?? '', /insecure-registries.*daemon\.json/);
      return true;
    });
  });
});
