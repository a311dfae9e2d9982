// A TLS front for the private dockerd, the way a remote engine on tcp://…:2376 is run
// (dockerd --tlsverify): real certificates made with openssl, client certificates required and
// verified against the CA, each accepted connection piped to the engine's unix socket.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface Pki {
  dir: string;
  /** PEM file paths; a DOCKER_CERT_PATH folder needs ca.pem, cert.pem and key.pem. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, in `dir`. */
export function makePki(dir: string, prefix = ''): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const name = (file: string): string => `${prefix}${file}`;
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Wharf test CA',
    '-keyout', name('ca-key.pem'), '-out', name('ca.pem'));
  const sign = (base: string, subject: string, extensions: string): void => {
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', name(`${base}-key.pem`), '-out', name(`${base}.csr`));
    fs.writeFileSync(path.join(dir, name(`${base}.ext`)), extensions);
    openssl(dir, 'x509', '-req', '-in', name(`${base}.csr`), '-CA', name('ca.pem'), '-CAkey', name('ca-key.pem'), '-CAcreateserial',
      '-days', '2', '-extfile', name(`${base}.ext`), '-out', name(`${base}.pem`));
  };
  sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  sign('client', '/CN=wharf-client', 'extendedKeyUsage=clientAuth\n');
  const at = (file: string): string => path.join(dir, name(file));
  return { dir, caCert: at('ca.pem'), serverCert: at('server.pem'), serverKey: at('server-key.pem'), clientCert: at('client.pem'), clientKey: at('client-key.pem') };
}

/** Copies the client side of `pki` into `dir` under the names the docker CLI reads. */
export function writeClientCerts(pki: Pki, dir: string, files: { ca?: boolean; cert?: boolean; key?: boolean } = { ca: true, cert: true, key: true }): void {
  fs.mkdirSync(dir, { recursive: true });
  if (files.ca) fs.copyFileSync(pki.caCert, path.join(dir, 'ca.pem'));
  if (files.cert) fs.copyFileSync(pki.clientCert, path.join(dir, 'cert.pem'));
  if (files.key) fs.copyFileSync(pki.clientKey, path.join(dir, 'key.pem'));
}

export class TlsProxy {
  private server?: tls.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** TLS handshakes that completed with a verified client certificate. */
  authorized = 0;

  constructor(private readonly pki: Pki, private readonly engineSocket: string) {}

  async listen(): Promise<void> {
    const read = (file: string): Buffer => fs.readFileSync(file);
    this.server = tls.createServer({
      requestCert: true,
      rejectUnauthorized: true,
      ca: read(this.pki.caCert),
      cert: read(this.pki.serverCert),
      key: read(this.pki.serverKey),
    }, (client) => {
      this.authorized += client.authorized ? 1 : 0;
      const engine = net.connect(this.engineSocket);
      this.sockets.add(client).add(engine);
      client.pipe(engine).pipe(client);
      const end = (): void => {
        client.destroy();
        engine.destroy();
        this.sockets.delete(client);
        this.sockets.delete(engine);
      };
      client.on('error', end).on('close', end);
      engine.on('error', end).on('close', end);
    });
    // A refused handshake is the client's problem to report; the server just drops it.
    this.server.on('tlsClientError', () => undefined);
    this.server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
