// A private OpenSSH server on loopback in front of the private dockerd, the way a remote engine is
// reached over ssh://: its own host key, config, pid file and authorized key in a temp folder, a
// free port on 127.0.0.1, and `SetEnv DOCKER_HOST` so that the `docker system dial-stdio` each
// connection runs on the remote side (the docker CLI of Debian's docker.io, on sshd's PATH) talks
// to the harness's dockerd. The client key is held by a private ssh-agent, as a user's would be.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './env';
import { waitFor } from './waitFor';

export interface Sshd {
  port: number;
  /** The host key's public line, "ssh-ed25519 AAAA…". */
  hostKeyLine: string;
  /** Its fingerprint as OpenSSH prints it (ssh-keygen -l): "SHA256:…". */
  hostKeyFingerprint: string;
  /** SSH_AUTH_SOCK of the agent that holds the authorized client key. */
  agentSocket: string;
  /** The ssh user (the user the tests run as). */
  user: string;
  dir: string;
  /** The authorized client key's private file (what an IdentityFile names). */
  clientKeyFile: string;
  /**
   * Drops every open ssh connection (the per-connection sshd processes this server forked, by
   * pid), as a network drop would; the server keeps listening, so clients can come back.
   */
  dropConnections(): number;
  stop(): Promise<void>;
}

/** The pids the process `pid` forked (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Resolves once something on 127.0.0.1:port answers with an SSH banner. */
function sshBanner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(2000);
    socket.once('data', (data) => { socket.destroy(); resolve(data.toString('latin1').startsWith('SSH-2.0-')); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startSshd(engineHost: string): Promise<Sshd> {
  // Short: the agent's unix socket path must stay under ~100 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-ssh-'));
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  keygen(hostKey);
  keygen(clientKey);
  fs.copyFileSync(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(config, [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${hostKey}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    `SetEnv DOCKER_HOST=${engineHost}`,
    '',
  ].join('\n'));
  // sshd's privilege-separation folder (Debian's package makes it only when its service starts).
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const log = fs.openSync(path.join(dir, 'sshd.log'), 'a');
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', log, log] });
  const agentSocket = path.join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: ['ignore', 'ignore', log] });
  const stop = async (): Promise<void> => {
    await Promise.all([stopChild(sshd), stopChild(agent)]);
    fs.closeSync(log);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const detail = (): string => fs.readFileSync(path.join(dir, 'sshd.log'), 'utf8').slice(-2000);
    await waitFor('ssh-agent to listen', () => sshd.exitCode === null && agent.exitCode === null && fs.existsSync(agentSocket), { detail });
    execFileSync('ssh-add', ['-q', clientKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, stdio: ['ignore', 'ignore', 'pipe'] });
    await waitFor(`sshd on 127.0.0.1:${port}`, async () => {
      if (sshd.exitCode !== null) throw new Error(`sshd exited with ${sshd.exitCode}: ${detail()}`);
      return sshBanner(port);
    }, { detail });
    const hostKeyLine = fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const hostKeyFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).split(/\s+/)[1];
    const dropConnections = (): number => {
      const sessions = sshd.pid === undefined ? [] : childrenOf(sshd.pid);
      for (const pid of sessions) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      return sessions.length;
    };
    return { port, hostKeyLine, hostKeyFingerprint, agentSocket, user: os.userInfo().username, dir, clientKeyFile: clientKey, dropConnections, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
