// Masking real inspect answers (dockerd and Podman): an object with nothing secret comes through
// unchanged (no engine field is mistaken for a secret), and one made with secrets in its Env,
// command, labels and volume options keeps none of them.
import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { MASK, maskInspect } from '../../src/docker/secrets';
import { dockerHost, podmanHost, rawDocker, TEST_IMAGE, uniqueName } from './env';

for (const [engineName, host] of [['dockerd', dockerHost], ['Podman', podmanHost]] as const) {
  describe(`secrets in real inspect answers (${engineName}) (engine)`, function () {
    this.timeout(60_000);
    let docker: Docker;
    const undo: Array<() => Promise<unknown>> = [];
    before(() => { docker = rawDocker(host()); });
    afterEach(async () => { for (const step of undo.splice(0).reverse()) await step().catch(() => undefined); });

    it('leaves a container, its image, a volume and a network without secrets unchanged', async () => {
      const volume = { Name: uniqueName('plain') };
      await docker.createVolume({ Name: volume.Name, Labels: { team: 'payments' } });
      undo.push(() => docker.getVolume(volume.Name).remove());
      const network = await docker.createNetwork({ Name: uniqueName('plain'), Labels: { team: 'payments' } });
      undo.push(() => network.remove());
      const container = await docker.createContainer({
        Image: TEST_IMAGE, name: uniqueName('plain'), Cmd: ['sleep', '3600'], Env: ['MODE=prod', 'HOME=/root'],
        Labels: { team: 'payments', 'org.opencontainers.image.authors': 'me' },
        HostConfig: { Binds: [`${volume.Name}:/data`], NetworkMode: (await network.inspect()).Name },
      });
      undo.push(() => container.remove({ force: true, v: true }));
      await container.start();
      const answers = {
        container: await container.inspect(),
        image: await docker.getImage(TEST_IMAGE).inspect(),
        volume: await docker.getVolume(volume.Name).inspect(),
        network: await network.inspect(),
      };
      for (const [kind, answer] of Object.entries(answers)) {
        assert.deepEqual(maskInspect(answer), answer, `${kind}: something not secret was masked: ${JSON.stringify(maskInspect(answer)).slice(0, 2000)}`);
      }
    });

    it('masks every secret of a container made with secrets, and of a volume with a password option', async () => {
      const secrets = ['env-1', 'flag-2', 'label-3', 'url-4', 'opt-5'];
      const volume = { Name: uniqueName('opts') };
      await docker.createVolume({ Name: volume.Name, Driver: 'local', DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: `nodev,password=${secrets[4]}` } });
      undo.push(() => docker.getVolume(volume.Name).remove());
      const container = await docker.createContainer({
        Image: TEST_IMAGE, name: uniqueName('secret'), Entrypoint: ['sleep'], Cmd: ['3600', '--token', secrets[1]],
        Env: [`DB_PASSWORD=${secrets[0]}`, `UPSTREAM=https://me:${secrets[3]}@example.com`],
        Labels: { 'com.example.api-key': secrets[2] },
      });
      undo.push(() => container.remove({ force: true }));
      const masked = JSON.stringify([maskInspect(await container.inspect()), maskInspect(await docker.getVolume(volume.Name).inspect())]);
      const raw = JSON.stringify([await container.inspect(), await docker.getVolume(volume.Name).inspect()]);
      for (const secret of secrets) {
        assert.ok(raw.includes(secret), `${engineName} reports ${secret} at all`);
        assert.ok(!masked.includes(secret), `${secret} left in ${masked.slice(0, 3000)}`);
      }
      assert.ok(masked.includes(`DB_PASSWORD=${MASK}`));
    });
  });
}
