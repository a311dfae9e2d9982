// Builds an EngineSession from the settings: resolve the endpoint the way the docker CLI does,
// open the live store on it, and hand out a client speaking the API version the store
// negotiated. When the settings name no usable endpoint, the session is a store that says why.
import type Docker from 'dockerode';
import { addressSource, createClient, resolveEndpoint, type Endpoint } from '../docker/connect';
import { diagnoseUnreachable } from '../docker/diagnosis';
import { toWharfError } from '../docker/errors';
import type { AskHostKey } from '../docker/knownHosts';
import type { ConnectionState, EngineStore } from '../docker/model';
import { createEngineStore } from '../docker/store';
import type { SessionFactory } from './session';

/** `askHostKey`: asked about an ssh:// engine's unknown host key (once per key and session). */
export function engineSessionFactory(log: (line: string) => void, askHostKey?: AskHostKey): SessionFactory {
  return (settings) => {
    let endpoint: Endpoint;
    try {
      endpoint = resolveEndpoint({ demoHost: settings.demoHost, host: settings.host, context: settings.context, askHostKey });
    } catch (err) {
      const error = toWharfError(err);
      const diagnosis = diagnoseUnreachable({ error, unresolved: addressSource(settings) });
      return { store: unreachableStore({ status: 'unreachable', code: error.code, message: error.message, hint: error.hint, diagnosis }), docker: () => undefined, dispose: () => undefined };
    }
    log(`engine endpoint ${endpoint.url} (from ${endpoint.source})`);
    const store = createEngineStore({ endpoint, log });
    let client: { apiVersion: string; docker: Docker } | undefined;
    return {
      store,
      endpoint,
      docker: () => {
        const connection = store.connection;
        if (connection.status !== 'connected') return client?.docker;
        if (client?.apiVersion !== connection.engine.apiVersion) client = { apiVersion: connection.engine.apiVersion, docker: createClient(endpoint, { apiVersion: connection.engine.apiVersion }) };
        return client.docker;
      },
      dispose: () => store.dispose(),
    };
  };
}

/** A store for an endpoint that could not even be resolved (a bad context name or URL). */
function unreachableStore(connection: ConnectionState): EngineStore {
  return {
    connection,
    containers: () => [],
    container: () => undefined,
    images: () => [],
    image: () => undefined,
    volumes: () => [],
    networks: () => [],
    onDidChange: () => ({ dispose: () => undefined }),
    refresh: () => Promise.reject(new Error(connection.status === 'unreachable' ? connection.message : 'unreachable')),
    ready: () => Promise.reject(new Error(connection.status === 'unreachable' ? connection.message : 'unreachable')),
    confirmLive: () => Promise.resolve(),
    dispose: () => undefined,
  };
}
