// Which engine Wharf would talk to with a given environment, and whether it answers in time.
// `npm start` bundles this (scripts/start.mjs) to decide between the user's engine and a demo
// engine with the very resolution the extension uses, instead of a second resolver of its own.
import { connectEngine, resolveEndpoint, type Endpoint, type ResolveInput } from './connect';
import { toWharfError } from './errors';
import type { EngineInfo } from './model';

export type EngineProbe =
  | { reachable: true; endpoint: Endpoint; engine: EngineInfo }
  /** `endpoint` is absent when none could be resolved (a missing context, a bad URL). */
  | { reachable: false; endpoint?: Endpoint; reason: string };

/** Resolves the endpoint and asks its /version within `deadlineMs`; never throws. */
export async function probeEngine(input: ResolveInput = {}, deadlineMs = 3000): Promise<EngineProbe> {
  let endpoint: Endpoint;
  try {
    endpoint = resolveEndpoint(input);
  } catch (err) {
    return { reachable: false, reason: toWharfError(err).message };
  }
  try {
    const { engine } = await connectEngine(endpoint, { deadlineMs });
    return { reachable: true, endpoint, engine };
  } catch (err) {
    return { reachable: false, endpoint, reason: toWharfError(err, { endpoint: endpoint.url }).message };
  }
}
