// dial reads JSON answers itself: against a local socket that answers like a broken engine, an
// answer that is not JSON, one cut off mid-body, and an empty one each fail at once with a typed
// malformedAnswer (docker-modem would hand over the bytes as the answer, or wait for the deadline).
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { isWharfError } from '../../../src/docker/errors';
import { dial, engineRequest } from '../../../src/docker/request';

describe('dial against a broken engine', () => {
  let dir: string;
  let server: net.Server;
  let docker: Docker;
  /** What the fake engine writes back for the next request, then it closes the connection. */
  let reply = '';

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-dial-'));
    const socketPath = path.join(dir, 'broken.sock');
    server = net.createServer((socket) => {
      socket.once('data', () => socket.end(reply));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    docker = new Docker({ socketPath });
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const get = (): Promise<unknown> => engineRequest('inspect a thing', (signal) => dial(docker, { path: '/things/x/json', method: 'GET', statusCodes: { 200: true, 404: 'no such thing' } }, signal, 'inspect a thing'), { deadlineMs: 10_000 });
  const answer = (body: string, headers = `Content-Length: ${Buffer.byteLength(body)}`): string => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${headers}\r\n\r\n${body}`;

  it('reads a whole JSON answer', async () => {
    reply = answer('{"Id":"x","Name":"é"}');
    assert.deepEqual(await get(), { Id: 'x', Name: 'é' });
  });

  it('an answer that is not JSON is a malformedAnswer that shows how it began', async () => {
    reply = answer('<html><body>502 Bad Gateway</body></html>');
    await assert.rejects(get(), (err) => isWharfError(err, 'malformedAnswer') && /"inspect a thing" could not be read: it is not JSON \(it began "<html><body>502 Bad Gateway<\/body><\/html"…\)/.test(err.message) && !!err.hint);
  });

  it('an answer cut off before its Content-Length is a malformedAnswer at once, not a timeout', async () => {
    reply = answer('{"Id":"x","Na', 'Content-Length: 200');
    const started = Date.now();
    await assert.rejects(get(), (err) => isWharfError(err, 'malformedAnswer') && /it was cut off after 13 bytes/.test(err.message));
    assert.ok(Date.now() - started < 5000, 'it waited for the deadline');
  });

  it('a chunked answer cut off before its last chunk is a malformedAnswer', async () => {
    reply = answer('d\r\n{"Id":"x","Na\r\n', 'Transfer-Encoding: chunked');
    await assert.rejects(get(), (err) => isWharfError(err, 'malformedAnswer') && /cut off/.test(err.message));
  });

  it('an empty answer is a malformedAnswer', async () => {
    reply = answer('');
    await assert.rejects(get(), (err) => isWharfError(err, 'malformedAnswer') && /it was empty/.test(err.message));
  });

  it('an error status is still the engine\'s error, with its words', async () => {
    const body = '{"message":"no such thing x"}';
    reply = `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    await assert.rejects(get(), (err) => isWharfError(err, 'notFound') && err.statusCode === 404 && /no such thing x/.test(err.message));
  });
});
