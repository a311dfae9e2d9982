// The one way the Swarm code talks to the engine: a raw request through the modem (query, JSON
// body, an X-Registry-Auth-free call), inside request.ts's deadline, failures typed by
// swarmErrors.ts. The modem's own body reading hangs on a body cut off and hands over non-JSON
// as a Buffer; here an empty body (DELETE, most POSTs) is `undefined` and anything else is JSON.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { malformedAnswer } from '../errors';
import { engineRequest, type RequestOptions } from '../request';
import { swarmError } from './swarmErrors';

export interface SwarmCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  /** Lower case, no final period: "scale service web". */
  what: string;
}

export async function swarmCall<T = unknown>(docker: Docker, call: SwarmCall, options: RequestOptions = {}): Promise<T> {
  try {
    return await engineRequest(call.what, (signal) => new Promise<T>((resolve, reject) => {
      const opts: Record<string, unknown> = {};
      if (call.query) opts._query = call.query;
      if (call.body !== undefined) opts._body = call.body;
      docker.modem.dial({
        path: `${call.path}?`, method: call.method, options: opts, isStream: true, abortSignal: signal,
        statusCodes: { 200: true, 201: true, 204: true, 400: 'bad parameter', 404: 'not found', 406: 'not part of a swarm', 409: 'conflict', 500: 'server error', 503: 'not part of a swarm' },
      } as never, (err: unknown, response: unknown) => {
        if (err) reject(err);
        else readBody<T>(response as IncomingMessage, call.what).then(resolve, reject);
      });
    }), options);
  } catch (err) {
    throw swarmError(err, { action: call.what });
  }
}

function readBody<T>(response: IncomingMessage, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return resolve(undefined as T);
      try {
        resolve(JSON.parse(text) as T);
      } catch {
        // POST /swarm/init answers the node id as a bare JSON string; anything else is a fault.
        reject(malformedAnswer(what, 'it is not JSON', text));
      }
    });
  });
}

/** Opens a streaming GET (events, logs) whose deadline covers only the engine's first answer. */
export function swarmStream(docker: Docker, path: string, query: Record<string, unknown>, what: string, options: RequestOptions = {}): Promise<IncomingMessage> {
  return engineRequest(what, (signal) => new Promise<IncomingMessage>((resolve, reject) => {
    docker.modem.dial({
      path: `${path}?`, method: 'GET', options: { _query: query }, isStream: true, abortSignal: signal,
      statusCodes: { 200: true, 400: 'bad parameter', 404: 'not found', 500: 'server error', 503: 'not part of a swarm' },
    } as never, (err: unknown, response: unknown) => (err ? reject(err) : resolve(response as IncomingMessage)));
  }), options).catch((err: unknown) => { throw swarmError(err, { action: what }); });
}
