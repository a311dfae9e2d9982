// `npm start`'s demo engine, for a machine where no engine of the user's answers: the tests'
// private dockerd (engines.mjs: own socket, data-root, exec-root, bridge, --ip 127.0.0.1,
// --iptables=false, all in a temp folder) carrying a label that Wharf's Engine view shows, with a
// small scene built locally (no registry is reachable): three images built FROM scratch with
// busybox, a Compose project of three services — running, paused, exited — and one standalone
// container. Its stop() removes the engine and everything in it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { buildBusyboxImage, buildImage, startDockerd } from './engines.mjs';

export const DEMO_PROJECT = 'shop';

const IMAGES = {
  base: 'wharf-demo/busybox:latest',
  web: 'wharf-demo/httpd:1.0',
  jobs: 'wharf-demo/jobs:1.0',
};

/** Every applet of the machine's busybox: the demo's shells are for people to try things in. */
function busyboxApplets() {
  const listed = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' });
  const applets = (listed.stdout ?? '').split('\n').filter((a) => a && !a.includes('/') && a !== 'busybox');
  return applets.length ? applets : undefined;
}

function writeFiles(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

async function buildImages(socket, dir) {
  const oci = (title, description) => `LABEL org.opencontainers.image.title="${title}" org.opencontainers.image.description="${description}" org.opencontainers.image.vendor="Wharf demo"\n`;
  await buildBusyboxImage(socket, join(dir, 'busybox'), IMAGES.base, {
    applets: busyboxApplets(),
    dockerfile: oci('busybox', 'BusyBox built FROM scratch: a shell and the usual tools') + 'CMD ["sh"]\n',
  });
  writeFiles(join(dir, 'httpd'), {
    Dockerfile: `FROM ${IMAGES.base}\n` + oci('httpd', 'A tiny static web site served by busybox httpd') +
      'COPY www/ /www/\nEXPOSE 8080\nWORKDIR /www\nCMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]\n',
    'www/index.html': '<!doctype html>\n<title>Wharf demo</title>\n<h1>Hello from the Wharf demo engine</h1>\n<p>Served by busybox httpd in the container <code>shop-web-1</code>.</p>\n',
  });
  await buildImage(socket, join(dir, 'httpd'), IMAGES.web, ['www']);
  writeFiles(join(dir, 'jobs'), {
    Dockerfile: `FROM ${IMAGES.base}\n` + oci('jobs', 'The shop\'s background worker and its database migration') +
      'COPY app/ /app/\nENV QUEUE=orders\nCMD ["sh", "/app/worker.sh"]\n',
    'app/worker.sh': 'i=1\nwhile true; do\n  echo "$(date -Iseconds) processed job $i from queue $QUEUE"\n  i=$((i + 1))\n  sleep 2\ndone\n',
    'app/migrate.sh': 'for step in 001_create_orders 002_add_customers 003_index_orders; do\n  echo "applied migration $step"\ndone\necho "database is up to date"\n',
  });
  await buildImage(socket, join(dir, 'jobs'), IMAGES.jobs, ['app']);
}

/** The labels Compose v2 puts on a service's container (absolute config path, "False" oneoff). */
function composeLabels(projectDir, service) {
  return {
    'com.docker.compose.project': DEMO_PROJECT,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': '1',
    'com.docker.compose.oneoff': 'False',
    'com.docker.compose.project.working_dir': projectDir,
    'com.docker.compose.project.config_files': join(projectDir, 'compose.yaml'),
  };
}

/** The compose.yaml the scene's labels point at, so what the labels say is there. */
function writeComposeFile(projectDir) {
  writeFiles(projectDir, {
    'compose.yaml': [
      `name: ${DEMO_PROJECT}`,
      'services:',
      '  web:',
      `    image: ${IMAGES.web}`,
      '    init: true',
      '    ports: ["127.0.0.1::8080"]',
      '  worker:',
      `    image: ${IMAGES.jobs}`,
      '    init: true',
      '    volumes: ["data:/data"]',
      '  migrate:',
      `    image: ${IMAGES.jobs}`,
      '    command: ["sh", "/app/migrate.sh"]',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n'),
  });
}

async function createScene(socket, projectDir) {
  const docker = new Docker({ socketPath: socket });
  writeComposeFile(projectDir);
  const volume = `${DEMO_PROJECT}_data`;
  await docker.createVolume({ Name: volume, Labels: { 'com.docker.compose.project': DEMO_PROJECT, 'com.docker.compose.volume': 'data' } });
  // Init: busybox as PID 1 ignores SIGTERM; with an init, Stop (and the engine's own shutdown
  // when `npm start` ends) takes a moment instead of the 10 s stop timeout.
  const create = (name, options) => docker.createContainer({ name, ...options, HostConfig: { Init: true, ...options.HostConfig } });

  const migrate = await create(`${DEMO_PROJECT}-migrate-1`, { Image: IMAGES.jobs, Cmd: ['sh', '/app/migrate.sh'], Labels: composeLabels(projectDir, 'migrate') });
  await migrate.start();
  await migrate.wait();
  const worker = await create(`${DEMO_PROJECT}-worker-1`, {
    Image: IMAGES.jobs, Labels: composeLabels(projectDir, 'worker'),
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/data' }] },
  });
  await worker.start();
  await worker.pause();
  const web = await create(`${DEMO_PROJECT}-web-1`, {
    Image: IMAGES.web, Labels: composeLabels(projectDir, 'web'), ExposedPorts: { '8080/tcp': {} },
    // A free port on loopback, chosen by the engine.
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  await web.start();
  const toolbox = await create('toolbox', { Image: IMAGES.base, Cmd: ['sleep', '86400'], Labels: { purpose: 'a shell to try things in (Attach Shell)' } });
  await toolbox.start();
  const webPort = (await web.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
  return { images: Object.values(IMAGES), webUrl: webPort ? `http://127.0.0.1:${webPort}/` : undefined };
}

/**
 * Starts the demo engine in `root` with the daemon label `label` (key=value) and builds its
 * scene; stop() stops the engine and removes its folder with everything in it. `register(stop)`
 * is called as soon as dockerd is spawned (see startDockerd).
 */
export async function startDemoEngine(root, label, log, { register } = {}) {
  const engine = await startDockerd(join(root, 'engine'), log, { labels: [label], register });
  try {
    await buildImages(engine.socket, join(root, 'images'));
    const scene = await createScene(engine.socket, join(root, DEMO_PROJECT));
    return { ...engine, ...scene };
  } catch (e) {
    await engine.stop();
    throw e;
  }
}
