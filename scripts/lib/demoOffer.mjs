// How `npm start` offers its demo engine to Wharf: a loopback HTTP endpoint with a random path,
// whose URL travels to the extension host in the variable DEMO_ENGINE_ENV names
// (src/ui/display/engineText.ts; src/ui/engineRecovery.ts reads it). A POST
// starts the engine once (concurrent and later POSTs share it) and answers {"host": "unix://…"},
// or {"error": "…"} with status 500. Nothing else is served.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * Serves the offer; `start()` resolves the engine's address (it is called at most once while it
 * succeeds). Resolves {url, close}. `register(stop)` gets the close as soon as it listens.
 */
export async function offerDemoEngine(start, { register = () => {} } = {}) {
  const path = `/${randomBytes(16).toString('hex')}`;
  let starting;
  const server = createServer((request, response) => {
    const answer = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== path) return answer(404, { error: 'not found' });
    request.resume();
    // A failed start may be tried again; a started engine is answered from then on.
    starting ??= start().catch((e) => { starting = undefined; throw e; });
    starting.then((host) => answer(200, { host }), (e) => answer(500, { error: String(e?.message ?? e) }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
  register(close);
  return { url: `http://127.0.0.1:${server.address().port}${path}`, close };
}
