// What one engine event means for the Swarm model. Pure, like events.ts for the engine store.
// The engine sends events for services, nodes, secrets and configs (a manager's cluster events),
// none for tasks: a task's changes show as its container's events on the node that runs it
// (labelled with the service id), and as its service's events when the orchestrator acts.
// Initializing a swarm says so with a node update and the `ingress` network's creation; leaving
// one says nothing (dockerd 20.10 sends no event): SwarmStore.checkMembership covers that.
import type { EngineEvent } from '../events';

export type SwarmTouch =
  | { kind: 'membership' }
  | { kind: 'service'; id: string }
  | { kind: 'node' }
  | { kind: 'secret' }
  | { kind: 'config' };

/** The event types the Swarm store subscribes to. */
export const SWARM_EVENT_TYPES = ['service', 'node', 'secret', 'config', 'container', 'network'];

export function swarmTouchesOf(event: EngineEvent): SwarmTouch[] {
  const id = event.Actor?.ID ?? event.id ?? '';
  const attributes = event.Actor?.Attributes ?? {};
  switch (event.Type) {
    case 'service':
      return id ? [{ kind: 'service', id }] : [];
    case 'node':
      // A node leaving or changing availability moves tasks: every service may change.
      return [{ kind: 'node' }, { kind: 'membership' }];
    case 'secret':
      return [{ kind: 'secret' }];
    case 'config':
      return [{ kind: 'config' }];
    case 'container': {
      const service = attributes['com.docker.swarm.service.id'];
      const action = String(event.Action ?? event.status ?? '').split(':')[0];
      if (!service || !['create', 'start', 'die', 'stop', 'kill', 'destroy', 'oom', 'restart', 'health_status'].includes(action)) return [];
      return [{ kind: 'service', id: service }];
    }
    case 'network':
      return attributes.name === 'ingress' && (event.Action === 'create' || event.Action === 'destroy') ? [{ kind: 'membership' }] : [];
    default:
      return [];
  }
}
