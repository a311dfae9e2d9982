// Swarm failures as typed errors with a hint. The engine's words are the only source: dockerd
// 20.10 answers a request a non-manager cannot serve with 503 "This node is not a swarm
// manager…", one without a raft leader with "The swarm does not have a leader…", an ingress port
// taken with "port '8080' is already in use by service …". A task that cannot run says why in its
// Status.Err: "no suitable node (scheduling constraints not satisfied on 1 node)", "No such
// image: …" (the image is not on the node it was given to, and no registry has it).
import { toWharfError, WharfError, type ErrorContext } from '../errors';
import type { TaskModel } from './model';

export function swarmError(err: unknown, context: ErrorContext = {}): WharfError {
  const base = toWharfError(err, context);
  const words = base.engineMessage ?? base.message;
  const doing = context.action ? `Could not ${context.action}: ` : '';
  const keep = { statusCode: base.statusCode, engineMessage: base.engineMessage, cause: err };
  if (/not a swarm manager/i.test(words)) {
    const inactive = /docker swarm init|docker swarm join/i.test(words);
    return new WharfError('notSwarmManager', `${doing}${inactive ? 'this engine is not in a swarm.' : 'this engine is a swarm worker, not a manager.'}`, {
      ...keep,
      hint: inactive ? 'Initialize a swarm on it (Swarm: Initialize) or join one (Swarm: Join).' : 'Connect Wharf to a manager of the swarm, or promote this node on a manager.',
    });
  }
  if (/attempting to leave the swarm on a node that is participating as a manager/i.test(words)) {
    const last = /last manager/i.test(words);
    return new WharfError('engine', `${doing}${last ? 'this engine is the swarm\'s last manager: leaving would erase the swarm.' : 'this manager\'s leaving would cost the swarm its quorum of managers.'}`, {
      ...keep,
      hint: last ? 'Leave with Force to give the swarm up (its services, secrets and configs are lost).' : 'Demote this node on another manager first, then leave; Leave with Force only if the swarm may lose its quorum.',
    });
  }
  if (/does not have a leader|no elected cluster leader/i.test(words)) {
    return new WharfError('noQuorum', `${doing}the swarm has no leader: too few managers are reachable.`, { ...keep, hint: 'Bring more than half of the managers back online; if they are gone for good, re-create the swarm from one of them with `docker swarm init --force-new-cluster`.' });
  }
  const port = /port '?(\d+)'? is already in use/i.exec(words);
  if (port) {
    return new WharfError('portInUse', `${doing}port ${port[1]} is already published by another service.`, { ...keep, hint: 'Choose another published port, or remove the port from the service that has it.' });
  }
  const problem = taskErrorOf(words);
  if (problem) return new WharfError(problem.code, `${doing}${problem.message}`, { ...keep, hint: problem.hint });
  return base;
}

/** A task's error as a typed problem, when it is one Wharf has a hint for. */
export function taskErrorOf(words: string | undefined): { code: 'noSuitableNode' | 'imageUnreachable'; message: string; hint: string } | undefined {
  if (!words) return undefined;
  if (/no suitable node/i.test(words)) {
    return { code: 'noSuitableNode', message: `no node can run the task: ${words}.`, hint: 'Check the service\'s placement constraints against the nodes\' labels, roles and availability (a drained or paused node takes no tasks).' };
  }
  if (/no such image|pull access denied|manifest unknown|repository does not exist|image .* could not be accessed/i.test(words)) {
    return { code: 'imageUnreachable', message: `the image is not reachable from the node given the task: ${words}.`, hint: 'Every node pulls the image itself: push it to a registry all nodes can reach, or load it on every node.' };
  }
  return undefined;
}

/** The typed problem that keeps a service's tasks from running, if its tasks say one. */
export function serviceProblem(tasks: readonly TaskModel[]): WharfError | undefined {
  for (const task of tasks) {
    if (task.desiredState !== 'running' && task.desiredState !== 'ready') continue;
    const problem = taskErrorOf(task.error);
    if (problem) return new WharfError(problem.code, problem.message.charAt(0).toUpperCase() + problem.message.slice(1), { hint: problem.hint, engineMessage: task.error });
  }
  return undefined;
}
