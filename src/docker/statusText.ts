// Docker's status wording ("Up 5 minutes (healthy)", "Exited (0) 2 hours ago") as a pure function
// of a container model and the current time, so a view can redraw it without the model changing.
// It follows the engine's own rules (the daemon's State.String and go-units' HumanDuration).
import type { ContainerModel } from './model';

/** go-units HumanDuration: the engine's rounding, so our text equals `docker ps`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const since = (from: number | undefined, now: number): string => humanDuration(Math.max(0, now - (from ?? now)));

export function healthText(health: ContainerModel['health']): string | undefined {
  return health === 'starting' ? 'health: starting' : health;
}

/** The STATUS column of `docker ps`, for this container at `now` (epoch ms). */
export function containerStatusText(container: ContainerModel, now: number): string {
  switch (container.state) {
    case 'running': {
      const health = healthText(container.health);
      return `Up ${since(container.startedAt, now)}${health ? ` (${health})` : ''}`;
    }
    case 'paused':
      return `Up ${since(container.startedAt, now)} (Paused)`;
    case 'restarting':
      return `Restarting (${container.exitCode ?? 0}) ${since(container.finishedAt, now)} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    case 'exited':
      if (container.finishedAt === undefined) return 'Exited';
      return `Exited (${container.exitCode ?? 0}) ${since(container.finishedAt, now)} ago`;
  }
}

/**
 * How long until `humanDuration(elapsedMs)` can read differently: the next whole second under a
 * minute, the next whole minute under an hour, then the next half hour (hours are rounded, and
 * days, weeks, months and years are counted from the rounded hours).
 */
export function nextDurationChangeMs(elapsedMs: number): number {
  const ms = Math.max(0, elapsedMs);
  if (ms < 60_000) return 1000 - (ms % 1000);
  if (ms < 3_600_000) return 60_000 - (ms % 60_000);
  return 3_600_000 - ((ms + 1_800_000) % 3_600_000);
}

/** How long until containerStatusText(container, now) can change by time alone (Infinity: never). */
export function nextStatusChangeMs(container: ContainerModel, now: number): number {
  const from = container.state === 'running' || container.state === 'paused' ? container.startedAt
    : container.state === 'restarting' || container.state === 'exited' ? container.finishedAt : undefined;
  return from === undefined ? Number.POSITIVE_INFINITY : nextDurationChangeMs(now - from);
}

/**
 * The reverse, for the list answer: /containers/json has no timestamps besides Created, only
 * this text, so the store estimates when a run started or ended from it (the middle of the
 * rounding bucket) and replaces the estimate by exact times on the container's next event.
 */
export interface ParsedStatus {
  exitCode?: number;
  health?: ContainerModel['health'];
  /** Estimated duration since start (Up …) or end (Exited … ago), and the estimate's +/- error. */
  elapsedMs?: number;
  toleranceMs?: number;
}

const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_592_000_000, year: 31_536_000_000 };

export function parseDuration(text: string): { elapsedMs: number; toleranceMs: number } | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'less than a second') return { elapsedMs: 500, toleranceMs: 500 };
  if (t === 'about a minute') return { elapsedMs: 90_000, toleranceMs: 30_000 };
  if (t === 'about an hour') return { elapsedMs: 3_600_000, toleranceMs: 1_800_000 };
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(t);
  if (!match) return undefined;
  const unit = UNIT_MS[match[2]];
  // Hours are rounded by the engine, the other units truncated.
  const elapsed = Number(match[1]) * unit + (match[2] === 'hour' ? 0 : unit / 2);
  return { elapsedMs: elapsed, toleranceMs: unit / 2 };
}

export function parseStatusText(status: string): ParsedStatus {
  const result: ParsedStatus = {};
  const exit = /^(?:Exited|Restarting) \((-?\d+)\) (.*) ago$/.exec(status);
  if (exit) {
    result.exitCode = Number(exit[1]);
    Object.assign(result, parseDuration(exit[2]));
    return result;
  }
  const up = /^Up (.*?)(?: \((healthy|unhealthy|health: starting|Paused)\))?$/.exec(status);
  if (up) {
    Object.assign(result, parseDuration(up[1]));
    if (up[2] === 'healthy' || up[2] === 'unhealthy') result.health = up[2];
    if (up[2] === 'health: starting') result.health = 'starting';
  }
  return result;
}
