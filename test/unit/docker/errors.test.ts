// toWharfError on the shapes dockerode/docker-modem really produce. Two kinds of case:
//  - captured: the error objects below were printed from real failures (dockerd 20.10.24 with
//    API 1.41, Podman 4.3.1's Docker API, distribution 2.8.2 with and without htpasswd, Node 20's
//    sockets and TLS) and are rebuilt here field by field, exactly as docker-modem builds them:
//    an Error whose message is "(HTTP code N) <reason> - <engine message> " with `statusCode`,
//    `reason` (absent when the status is not in the call's list) and `json` (null for the stream
//    answers of pull/push). test/engine/errors.test.ts checks the engine ones live;
//  - live: failures that need no engine (a missing or refused socket, an abort, a deadline) are
//    produced here for real with dockerode against local sockets.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { permissionHint, toWharfError, unreachableHint, WharfError, type ErrorContext, type WharfErrorCode } from '../../../src/docker/errors';
import { DeadlineExceeded, engineRequest } from '../../../src/docker/request';

/** An error as docker-modem's buildPayload makes it for an unwanted HTTP status. */
function modemError(statusCode: number, reason: string | undefined, engineMessage: string, json: unknown = { message: engineMessage }): Error {
  const err = new Error(`(HTTP code ${statusCode}) ${reason ?? 'unexpected'} - ${engineMessage} `);
  return Object.assign(err, reason === undefined ? {} : { reason }, { statusCode, json });
}

/** An error as Node's net/tls layer makes it (code, errno, syscall, address as captured). */
function nodeError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

interface Case {
  what: string;
  err: unknown;
  context?: ErrorContext;
  code: WharfErrorCode;
  message: string | RegExp;
  hint?: string | RegExp;
  statusCode?: number;
}

const CONTAINER_ID = '49413264cca795e6b5ddd9477ca714bc562a7d93948d03d3c62d68cbc6e88251';
const PODMAN_ID = 'f1f73cdc99d5843ad430f10455666d479a61293182ab21e81232e9e2219b5be1';

const captured: Case[] = [
  // ---- the engine is not there, or not ours to use ----------------------------------------
  {
    what: 'ENOENT: no socket file at the path (dockerd not installed or not started)',
    err: nodeError('connect ENOENT /var/run/docker.sock', { code: 'ENOENT', errno: -2, syscall: 'connect', address: '/var/run/docker.sock' }),
    context: { action: 'list containers', endpoint: 'unix:///var/run/docker.sock', platform: 'linux' },
    code: 'unreachable',
    message: 'Could not list containers: no container engine is reachable at unix:///var/run/docker.sock.',
    hint: unreachableHint('linux'),
  },
  {
    what: 'ECONNREFUSED on a unix socket: a stale socket file, nobody listening',
    err: nodeError('connect ECONNREFUSED /tmp/wb/stale.sock', { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '/tmp/wb/stale.sock' }),
    context: { platform: 'darwin' },
    code: 'unreachable',
    message: 'No container engine is reachable.',
    hint: /Start Docker Desktop \(or Colima, or `podman machine start`\)/,
  },
  {
    what: 'ECONNREFUSED on tcp (DOCKER_HOST=tcp://… with no daemon on the port)',
    err: nodeError('connect ECONNREFUSED 127.0.0.1:2375', { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '127.0.0.1', port: 2375 }),
    context: { endpoint: 'tcp://127.0.0.1:2375', platform: 'win32' },
    code: 'unreachable',
    message: 'No container engine is reachable at tcp://127.0.0.1:2375.',
    hint: unreachableHint('win32'),
  },
  {
    what: 'EACCES: the socket is root:docker 0660 and the user is not in the group (captured as uid 65534)',
    err: nodeError('connect EACCES /var/run/docker.sock', { code: 'EACCES', errno: -13, syscall: 'connect', address: '/var/run/docker.sock' }),
    context: { action: 'connect', endpoint: 'unix:///var/run/docker.sock', platform: 'linux' },
    code: 'permission',
    message: 'Could not connect: permission denied on the engine socket at unix:///var/run/docker.sock.',
    hint: /docker group \(`sudo usermod -aG docker \$USER`.*rootless/,
  },
  {
    what: 'EPIPE: the engine closed the socket while we wrote (a dying daemon)',
    err: nodeError('write EPIPE', { code: 'EPIPE', errno: -32, syscall: 'write' }),
    context: { platform: 'linux' },
    code: 'unreachable',
    message: 'The connection to the engine was lost.',
  },

  // ---- 404 -------------------------------------------------------------------------------
  {
    what: 'dockerd 404: no such container',
    err: modemError(404, 'no such container', 'No such container: wharf-nope'),
    context: { action: 'start container wharf-nope' },
    code: 'notFound',
    message: 'Could not start container wharf-nope: no such container: wharf-nope.',
    hint: 'It may have been removed meanwhile.',
    statusCode: 404,
  },
  {
    what: 'dockerd 404: no such image (image inspect)',
    err: modemError(404, 'no such image', 'no such image: wharf-nope:1: No such image: wharf-nope:1'),
    code: 'notFound',
    message: 'No such image: wharf-nope:1: No such image: wharf-nope:1.',
    statusCode: 404,
  },
  {
    what: 'dockerd 404: no such volume',
    err: modemError(404, 'no such volume', 'get wharf-nope: no such volume'),
    code: 'notFound',
    message: 'Get wharf-nope: no such volume.',
  },
  {
    what: 'dockerd 404: network not found',
    err: modemError(404, 'no such network', 'network wharf-nope not found'),
    context: { action: 'inspect network wharf-nope' },
    code: 'notFound',
    message: 'Could not inspect network wharf-nope: network wharf-nope not found.',
  },
  {
    what: 'Podman 404: its JSON has cause, message and response',
    err: modemError(404, 'no such container', 'no container with name or ID "wharf-nope" found: no such container', { cause: 'no such container', message: 'no container with name or ID "wharf-nope" found: no such container', response: 404 }),
    code: 'notFound',
    message: 'No container with name or ID "wharf-nope" found: no such container.',
  },

  // ---- 409 and other conflicts -----------------------------------------------------------
  {
    what: 'dockerd 409: container name in use (create; not in the call\'s status list, so no reason)',
    err: modemError(409, undefined, `Conflict. The container name "/web" is already in use by container "${CONTAINER_ID}". You have to remove (or rename) that container to be able to reuse that name.`),
    context: { action: 'create container web' },
    code: 'conflictName',
    message: 'Could not create container web: the name "web" is already in use by another container.',
    hint: 'Choose another name, or remove or rename the container that has it.',
    statusCode: 409,
  },
  {
    what: 'dockerd 409: name in use on rename',
    err: modemError(409, undefined, `Error when allocating new name: Conflict. The container name "/web" is already in use by container "${CONTAINER_ID}". You have to remove (or rename) that container to be able to reuse that name.`),
    code: 'conflictName',
    message: 'The name "web" is already in use by another container.',
  },
  {
    what: 'Podman: name in use answers 500 (not 409)',
    err: modemError(500, 'server error', `container create: creating container storage: the container name "web" is already in use by ${PODMAN_ID}. You have to remove that container to be able to reuse that name: that name is already in use`,
      { cause: 'that name is already in use', message: `container create: creating container storage: the container name "web" is already in use by ${PODMAN_ID}. You have to remove that container to be able to reuse that name: that name is already in use`, response: 500 }),
    code: 'conflictName',
    message: 'The name "web" is already in use by another container.',
    statusCode: 500,
  },
  {
    what: 'dockerd 409: image (by id) used by a stopped container',
    err: modemError(409, 'conflict', 'conflict: unable to delete 5afd45e2aabe (must be forced) - image is being used by stopped container 49413264cca7'),
    context: { action: 'remove image 5afd45e2aabe', image: '5afd45e2aabe' },
    code: 'imageInUse',
    message: 'Could not remove image 5afd45e2aabe: the image 5afd45e2aabe is used by a container.',
    hint: 'Remove the containers that use it first (stopped ones too).',
  },
  {
    what: 'dockerd 409: image (by tag) whose only tag a container uses',
    err: modemError(409, 'conflict', 'conflict: unable to remove repository reference "wharf-test/busybox:latest" (must force) - container 49413264cca7 is using its referenced image 5afd45e2aabe'),
    code: 'imageInUse',
    message: 'The image is used by a container.',
  },
  {
    what: 'dockerd 409: force-removing an image a running container uses',
    err: modemError(409, 'conflict', 'conflict: unable to delete 5afd45e2aabe (cannot be forced) - image is being used by running container 49413264cca7'),
    code: 'imageInUse',
    message: 'The image is used by a container.',
  },
  {
    what: 'dockerd 409: image id with several tags',
    err: modemError(409, 'conflict', 'conflict: unable to delete 5afd45e2aabe (must be forced) - image is referenced in multiple repositories'),
    code: 'imageInUse',
    message: 'The image has several tags; remove the tags one by one.',
    hint: 'Remove each tag, or remove by tag instead of by id.',
  },
  {
    what: 'Podman 409: image in use (its own wording)',
    err: modemError(409, 'conflict', `image wharf-test/busybox:latest is in use: image used by ${PODMAN_ID}: image is in use by a container: consider listing external containers and force-removing image`,
      { cause: 'image is in use by a container', message: `image wharf-test/busybox:latest is in use: image used by ${PODMAN_ID}: image is in use by a container: consider listing external containers and force-removing image`, response: 409 }),
    context: { image: 'wharf-test/busybox:latest' },
    code: 'imageInUse',
    message: 'The image wharf-test/busybox:latest is used by a container.',
  },
  {
    what: 'dockerd 409: removing a volume a container uses',
    err: modemError(409, 'conflict', `remove data: volume is in use - [${CONTAINER_ID}]`),
    context: { action: 'remove volume data' },
    code: 'inUse',
    message: 'Could not remove volume data: the volume is in use by a container.',
    hint: /Remove the containers that use it first \(stopped ones too\)/,
    statusCode: 409,
  },
  {
    what: 'Podman 409: removing a volume a container uses (its own wording)',
    err: modemError(409, 'conflict', `volume data is being used by the following container(s): ${PODMAN_ID}: volume is being used`,
      { cause: 'volume is being used', message: `volume data is being used by the following container(s): ${PODMAN_ID}: volume is being used`, response: 409 }),
    context: { action: 'remove volume data' },
    code: 'inUse',
    message: 'Could not remove volume data: the volume is in use by a container.',
  },
  {
    what: 'dockerd 403: removing a network with attached containers',
    err: modemError(403, undefined, `error while removing network: network web id ${CONTAINER_ID} has active endpoints`),
    context: { action: 'remove network web' },
    code: 'inUse',
    message: 'Could not remove network web: the network is in use by a container.',
    hint: 'Disconnect or remove the containers attached to it first.',
    statusCode: 403,
  },
  {
    what: 'dockerd 409: removing a running container',
    err: modemError(409, undefined, `You cannot remove a running container ${CONTAINER_ID}. Stop the container before attempting removal or force remove`),
    context: { object: 'web' },
    code: 'containerRunning',
    message: 'The container web is running.',
    hint: 'Stop it first, or remove it with force (which kills it).',
  },
  {
    what: 'dockerd 409: removing a paused container',
    err: modemError(409, undefined, `You cannot remove a paused container ${CONTAINER_ID}. Unpause and then stop the container before attempting removal or force remove`),
    code: 'containerRunning',
    message: 'The container is paused.',
    hint: /^Unpause and stop it first/,
  },
  {
    what: 'Podman 500: removing a running container',
    err: modemError(500, 'server error', `cannot remove container ${PODMAN_ID} as it is running - running or paused containers cannot be removed without force: container state improper`),
    code: 'containerRunning',
    message: 'The container is running.',
  },
  {
    what: 'dockerd 409: a volume in use is not an image in use',
    err: modemError(409, 'conflict', 'remove wharf-images-v1: volume is in use - [93e060b409f0b8890d8f9c6df708989407fac47cda5cf6f1fe036ea160445a3d]'),
    code: 'inUse',
    message: 'The volume is in use by a container.',
  },

  // ---- registries (pull answers are streams: docker-modem leaves json null) ---------------
  {
    what: 'pull: tag unknown in the registry (404, json null: the words are only in the message)',
    err: modemError(404, undefined, 'manifest for 127.0.0.1:5000/wharf/bb:nope not found: manifest unknown: manifest unknown', null),
    context: { action: 'pull 127.0.0.1:5000/wharf/bb:nope' },
    code: 'registryNotFound',
    message: 'Image 127.0.0.1:5000/wharf/bb:nope not found in registry 127.0.0.1:5000.',
    hint: 'Check the image name and tag, and that you may read that repository.',
    statusCode: 404,
  },
  {
    what: 'pull: unknown digest, the image named by the caller',
    err: modemError(404, undefined, `manifest for 127.0.0.1:5000/wharf/bb@sha256:${'0'.repeat(64)} not found: manifest unknown: manifest unknown`, null),
    context: { image: '127.0.0.1:5001/team/app:2' },
    code: 'registryNotFound',
    message: 'Image 127.0.0.1:5001/team/app:2 not found in registry 127.0.0.1:5001.',
  },
  {
    // Not reproducible with distribution 2.8 (it answers MANIFEST_UNKNOWN for a missing
    // repository too); the wording is dockerd's for a registry's NAME_UNKNOWN.
    what: 'pull: repository unknown to the registry (NAME_UNKNOWN)',
    err: modemError(404, undefined, 'repository 127.0.0.1:5000/wharf/none not found: name unknown: repository name not known to registry', null),
    code: 'registryNotFound',
    message: 'Image 127.0.0.1:5000/wharf/none not found in registry 127.0.0.1:5000.',
  },
  {
    // Docker Hub's DENIED, as dockerd words it; it also contains "denied: requested access".
    what: 'pull: "pull access denied …, repository does not exist or may require docker login" is a 404',
    err: modemError(404, undefined, "pull access denied for wharf-nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", null),
    code: 'registryNotFound',
    message: 'Image wharf-nope not found in registry docker.io.',
    hint: /log in to the registry \(docker login <registry>\)/,
  },
  {
    what: 'pull from an htpasswd registry without credentials: 500 "no basic auth credentials"',
    err: modemError(500, 'server error', 'Head "http://127.0.0.1:5001/v2/wharf/bb/manifests/1": no basic auth credentials', null),
    context: { action: 'pull 127.0.0.1:5001/wharf/bb:1', image: '127.0.0.1:5001/wharf/bb:1' },
    code: 'authRequired',
    message: 'Could not pull 127.0.0.1:5001/wharf/bb:1: the registry requires authentication for 127.0.0.1:5001/wharf/bb:1.',
    hint: 'Log in to the registry (docker login <registry>), then try again.',
    statusCode: 500,
  },
  {
    what: 'pull with wrong credentials: 500 "unauthorized: authentication required"',
    err: modemError(500, 'server error', 'unauthorized: authentication required', null),
    code: 'authRequired',
    message: 'The registry requires authentication.',
  },
  {
    what: 'a login (POST /auth) with a wrong password: 500 wrapping the registry\'s 401',
    err: modemError(500, 'server error', 'login attempt to http://127.0.0.1:5001/v2/ failed with status: 401 Unauthorized'),
    code: 'authRequired',
    message: 'The registry requires authentication.',
    statusCode: 500,
  },
  {
    what: 'pull from a registry that is down: 500 with the dial error stays an engine error',
    err: modemError(500, 'server error', 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', null),
    code: 'engine',
    message: 'The engine answered with an error (HTTP 500). The engine said: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused',
  },
  {
    what: '400 on a bad request keeps the engine\'s words',
    err: modemError(400, undefined, 'Bad parameters and missing X-Registry-Auth: EOF', null),
    code: 'badRequest',
    message: 'The engine rejected the request. The engine said: Bad parameters and missing X-Registry-Auth: EOF',
  },

  // ---- TLS (tcp://…:2376) -------------------------------------------------------------------
  {
    what: 'TLS: the engine\'s certificate is self-signed and not the CA we were given',
    err: nodeError('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
    context: { endpoint: 'tcp://127.0.0.1:2376' },
    code: 'unreachable',
    message: 'The TLS connection to the engine at tcp://127.0.0.1:2376 failed (self-signed certificate).',
    hint: /ca\.pem, cert\.pem and key\.pem/,
  },
  {
    what: 'TLS: signed by a CA we do not trust',
    err: nodeError('unable to verify the first certificate', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
    code: 'unreachable',
    message: 'The TLS connection to the engine failed (unable to verify the first certificate).',
  },
  {
    what: 'TLS: the certificate does not name the host',
    err: nodeError("Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ", { code: 'ERR_TLS_CERT_ALTNAME_INVALID', reason: "IP: 127.0.0.1 is not in the cert's list: ", host: '127.0.0.1' }),
    code: 'unreachable',
    message: /^The TLS connection to the engine failed \(Hostname\/IP does not match certificate's altnames/,
  },
  {
    what: 'TLS 1.3: the engine requires a client certificate and none was given',
    err: nodeError('807CA1DF087F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n',
      { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', library: 'SSL routines', reason: 'tlsv13 alert certificate required' }),
    code: 'unreachable',
    message: 'The TLS connection to the engine failed (tlsv13 alert certificate required).',
  },
  {
    what: 'https spoken to a plain-http port: OpenSSL "wrong version number"',
    err: nodeError('write EPROTO 808C4F1F4F7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n', { code: 'EPROTO', errno: -71, syscall: 'write' }),
    code: 'unreachable',
    message: 'The TLS connection to the engine failed (the engine does not speak TLS there).',
    hint: /2376 is TLS, 2375 plain/,
  },

  // ---- deadlines and cancellation ----------------------------------------------------------
  {
    what: 'our own deadline (request.ts)',
    err: new DeadlineExceeded('list containers', 10_000),
    context: { action: 'list containers', endpoint: 'unix:///var/run/docker.sock' },
    code: 'timeout',
    message: 'Could not list containers: the engine at unix:///var/run/docker.sock did not answer in time.',
    hint: /overloaded or hung/,
  },
  {
    // Node's shape for a tcp connect that never completes (not reproduced here: it needs a
    // non-loopback address, and tests only talk to loopback).
    what: 'ETIMEDOUT from a tcp connect',
    err: nodeError('connect ETIMEDOUT 192.0.2.10:2376', { code: 'ETIMEDOUT', errno: -110, syscall: 'connect', address: '192.0.2.10', port: 2376 }),
    code: 'timeout',
    message: 'The engine did not answer in time.',
  },
];

describe('toWharfError: captured shapes', () => {
  for (const c of captured) {
    it(c.what, () => {
      const mapped = toWharfError(c.err, c.context);
      assert.ok(mapped instanceof WharfError);
      assert.equal(mapped.code, c.code, `${mapped.code}: ${mapped.message}`);
      if (typeof c.message === 'string') assert.equal(mapped.message, c.message); else assert.match(mapped.message, c.message);
      if (typeof c.hint === 'string') assert.equal(mapped.hint, c.hint);
      else if (c.hint) assert.match(mapped.hint ?? '', c.hint);
      if (c.statusCode !== undefined) assert.equal(mapped.statusCode, c.statusCode);
      assert.equal(mapped.cause, c.err, 'the original error stays reachable for the log');
      const json = (c.err as { json?: { message?: string } | null }).json;
      if (json?.message) assert.equal(mapped.engineMessage, json.message, 'the engine\'s own words are kept');
    });
  }

  it('the engine\'s words come from the modem\'s message when json is null, trimmed', () => {
    const mapped = toWharfError(modemError(500, 'server error', 'unauthorized: authentication required', null));
    assert.equal(mapped.engineMessage, 'unauthorized: authentication required');
  });

  it('a WharfError passes through unchanged', () => {
    const original = new WharfError('notFound', 'Gone.');
    assert.equal(toWharfError(original, { action: 'x' }), original);
  });

  it('something that is not an Error still maps (to a plain engine error)', () => {
    const mapped = toWharfError('boom', { action: 'do it' });
    assert.equal(mapped.code, 'engine');
    assert.equal(mapped.message, 'Could not do it: boom');
  });
});

describe('toWharfError: hints per platform', () => {
  it('unreachable: Docker Desktop on Windows and macOS, systemd on Linux', () => {
    const refused = nodeError('connect ECONNREFUSED /var/run/docker.sock', { code: 'ECONNREFUSED', syscall: 'connect' });
    assert.match(toWharfError(refused, { platform: 'win32' }).hint ?? '', /Docker Desktop \(or Podman Desktop\)/);
    assert.match(toWharfError(refused, { platform: 'darwin' }).hint ?? '', /Colima/);
    assert.match(toWharfError(refused, { platform: 'linux' }).hint ?? '', /systemctl start docker.*podman\.socket/);
    for (const platform of ['win32', 'darwin', 'linux'] as const) assert.match(unreachableHint(platform), /wharf\.engine\.host/);
  });

  it('permission: docker-users on Windows, the docker group or rootless on Linux', () => {
    const denied = nodeError('connect EACCES /var/run/docker.sock', { code: 'EACCES', syscall: 'connect' });
    assert.equal(toWharfError(denied, { platform: 'win32' }).hint, permissionHint('win32'));
    assert.match(permissionHint('win32'), /docker-users/);
    assert.match(toWharfError(denied, { platform: 'linux' }).hint ?? '', /usermod -aG docker.*rootless/);
    assert.match(toWharfError(denied, { platform: 'darwin' }).hint ?? '', /Docker Desktop/);
  });
});

describe('toWharfError: live failures without an engine', () => {
  let dir: string;
  let hung: net.Server;
  let hungPath: string;
  const sockets = new Set<net.Socket>();

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-err-'));
    hungPath = path.join(dir, 'hung.sock');
    // Accepts and reads requests, never answers: a wedged engine.
    hung = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => hung.listen(hungPath, resolve));
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hung.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (err) {
      return err;
    }
    assert.fail('expected a failure');
  }

  it('ENOENT: no socket at the path', async () => {
    const err = await failure(new Docker({ socketPath: path.join(dir, 'absent.sock') }).ping());
    assert.equal((err as { code?: string }).code, 'ENOENT');
    const mapped = toWharfError(err, { endpoint: `unix://${dir}/absent.sock`, platform: 'linux' });
    assert.equal(mapped.code, 'unreachable');
    assert.equal(mapped.message, `No container engine is reachable at unix://${dir}/absent.sock.`);
    assert.equal(mapped.hint, unreachableHint('linux'));
  });

  it('ECONNREFUSED: nobody listens on the loopback port', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const err = await failure(new Docker({ host: '127.0.0.1', port, protocol: 'http' }).ping());
    assert.equal((err as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(toWharfError(err).code, 'unreachable');
  });

  it('an aborted request is cancelled (Node\'s AbortError, its cause the signal\'s reason)', async () => {
    const controller = new AbortController();
    const pending = new Docker({ socketPath: hungPath }).listContainers({ all: true, abortSignal: controller.signal });
    setImmediate(() => controller.abort());
    const err = await failure(pending);
    assert.equal((err as { name?: string }).name, 'AbortError');
    const mapped = toWharfError(err, { action: 'list containers' });
    assert.equal(mapped.code, 'cancelled');
    assert.equal(mapped.message, 'Cancelled: list containers.');
  });

  it('a request aborted by a deadline is a timeout, not a cancel (AbortError whose cause is DeadlineExceeded)', async () => {
    const controller = new AbortController();
    const pending = new Docker({ socketPath: hungPath }).listContainers({ all: true, abortSignal: controller.signal });
    setImmediate(() => controller.abort(new DeadlineExceeded('list containers', 5)));
    const err = await failure(pending);
    assert.equal((err as { name?: string }).name, 'AbortError');
    assert.ok((err as { cause?: unknown }).cause instanceof DeadlineExceeded);
    assert.equal(toWharfError(err).code, 'timeout');
  });

  it('a caller\'s AbortSignal.timeout is a timeout too', async () => {
    const err = await failure(engineRequest('list containers', (signal) => new Docker({ socketPath: hungPath }).listContainers({ all: true, abortSignal: signal }), { signal: AbortSignal.timeout(20), deadlineMs: 60_000 }));
    assert.ok(err instanceof WharfError);
    assert.equal(err.code, 'timeout', err.message);
  });

  it('the deadline of engineRequest against a hung engine', async () => {
    const err = await failure(engineRequest('list containers', (signal) => new Docker({ socketPath: hungPath }).listContainers({ all: true, abortSignal: signal }), { deadlineMs: 50 }));
    assert.ok(err instanceof WharfError);
    assert.equal(err.code, 'timeout');
    assert.equal(err.message, 'Could not list containers: the engine did not answer in time.');
  });
});
