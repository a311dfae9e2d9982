// The Swarm test bed's setup and teardown, shared by the engine and host suites: the swarm dockerd
// the harness started (WHARF_TEST_SWARM_HOST) becomes a single-node swarm listening on loopback
// only, and is left clean (services, secrets, configs and overlay networks removed, the swarm
// left) by a raw client, whatever the tests did or failed to do.
import type Docker from 'dockerode';
import { freePort } from './env';

/** Listen and advertise on 127.0.0.1 only, on free ports: never 0.0.0.0:2377, never the default VXLAN port. */
export async function initOptions(): Promise<{ advertiseAddr: string; listenAddr: string; dataPathPort: number }> {
  return { advertiseAddr: '127.0.0.1', listenAddr: `127.0.0.1:${await freePort()}`, dataPathPort: await freePort() };
}

export async function leaveCleanly(docker: Docker): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try { await work(); } catch (err) { problems.push(`${what}: ${(err as Error).message}`); }
  };
  const info = await docker.info() as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  if (info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable) {
    for (const service of await docker.listServices()) await attempt(`remove service ${service.Spec?.Name}`, () => docker.getService(service.ID).remove());
    for (const secret of await docker.listSecrets()) await attempt(`remove secret ${secret.Spec?.Name}`, () => docker.getSecret(secret.ID).remove());
    for (const config of await docker.listConfigs()) await attempt(`remove config ${config.Spec?.Name}`, () => docker.getConfig(config.ID).remove());
  }
  if (info.Swarm?.LocalNodeState && info.Swarm.LocalNodeState !== 'inactive') await attempt('leave the swarm', () => docker.swarmLeave({ force: true }));
  return problems;
}
