// The registries with authentication the engine, host and e2e tiers log in to, each on a free
// 127.0.0.1 port in a folder of its own:
//  - "basic": Debian's docker-registry with htpasswd (bcrypt) basic auth;
//  - "token": a second docker-registry that trusts bearer tokens, and the token server that issues
//    them, written here as Docker Hub's works: GET /token with Basic credentials and `scope`s
//    answers an RS256 JWT (x5c header: the certificate the registry trusts) granting what the
//    user may do. `docker login` asks with no scope and gets a token with no access; asked with
//    offline_token=true it also gets a refresh token, which POST /token exchanges for tokens.
// One user (random password per run) may do everything on both; anonymous requests get nothing.
// The token server runs in this (the harness's) process; its stop closes it.
import { execFileSync } from 'node:child_process';
import { createHash, createSign, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { freePort, startRegistryProcess } from './engines.mjs';
import { onStop, removeTree } from './lifecycle.mjs';

export const REGISTRY_USER = 'wharf-tester';

function base64url(data) {
  return Buffer.from(data).toString('base64url');
}

/** The JWT the registry's token auth accepts: RS256, x5c = the trusted certificate. */
export function signToken({ key, certificate, issuer, service, subject, access, lifetimeS = 300 }) {
  const der = new X509Certificate(certificate).raw;
  const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer, sub: subject, aud: service, exp: now + lifetimeS, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** "repository:team/app:push,pull" → { type, name, actions }; a name may hold ":" only as a port, which scopes never do. */
export function parseScope(scope) {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) };
}

function sameSecret(a, b) {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/**
 * The token endpoint, as distribution's token spec (and its OAuth2 extension) describe it:
 * GET with Basic credentials (`password` checks the user), `offline_token=true` adding a refresh
 * token; POST grant_type=refresh_token with one of those (what dockerd sends for an identity
 * token). Every scope asked is granted to the user; anonymous requests get no access.
 */
function startTokenServer({ port, key, certificate, issuer, service, password }) {
  const refreshTokens = new Set();
  const answer = (res, subject, scopes, refresh) => {
    const access = subject ? scopes.flatMap((s) => s.split(' ')).filter(Boolean).map(parseScope).filter(Boolean) : [];
    const token = signToken({ key, certificate, issuer, service, subject: subject || 'anonymous', access });
    let refreshToken;
    if (refresh) {
      refreshToken = randomBytes(16).toString('base64url');
      refreshTokens.add(refreshToken);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString(), ...(refreshToken ? { refresh_token: refreshToken } : {}) }));
  };
  const refuse = (res) => {
    res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="wharf token server"' });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] }));
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/token') { res.writeHead(404).end(); return; }
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'refresh_token' || !refreshTokens.has(form.get('refresh_token') ?? '')) { refuse(res); return; }
        answer(res, REGISTRY_USER, form.getAll('scope'), false);
      });
      return;
    }
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? decoded.slice(0, colon) : '';
    const given = colon > 0 ? decoded.slice(colon + 1) : '';
    if (header && !(user === REGISTRY_USER && sameSecret(given, password))) { refuse(res); return; }
    // Anonymous: a token with no access, as Docker Hub gives for a private repository.
    answer(res, header ? user : '', url.searchParams.getAll('scope'), Boolean(header) && url.searchParams.get('offline_token') === 'true');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Starts both registries and the token server under `root`. Returns their addresses, the user and
 * password, and one stop for all of them.
 */
export async function startAuthRegistries(root, log) {
  mkdirSync(root, { recursive: true });
  const stops = [];
  const stopAll = onStop(async () => {
    for (const stop of stops.reverse()) await stop();
    removeTree(root);
  });
  try {
    const password = randomBytes(12).toString('base64url');
    // htpasswd -B: bcrypt, the only scheme distribution's htpasswd auth accepts.
    const htpasswd = join(root, 'htpasswd');
    writeFileSync(htpasswd, execFileSync('htpasswd', ['-Bbn', REGISTRY_USER, password], { encoding: 'utf8' }));
    const basic = await startRegistryProcess(join(root, 'basic'), log, {
      name: 'registry (htpasswd)',
      auth: ['auth:', '  htpasswd:', '    realm: wharf-basic', `    path: ${htpasswd}`],
    });
    stops.push(basic.stop);

    const keyFile = join(root, 'token.key');
    const certFile = join(root, 'token.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=wharf-test-token-issuer'], { stdio: 'ignore' });
    const tokenPort = await freePort();
    const issuer = 'wharf-test-issuer';
    const service = 'wharf-test-registry';
    const server = await startTokenServer({ port: tokenPort, key: readFileSync(keyFile, 'utf8'), certificate: readFileSync(certFile, 'utf8'), issuer, service, password });
    stops.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const token = await startRegistryProcess(join(root, 'token'), log, {
      name: 'registry (bearer tokens)',
      auth: ['auth:', '  token:', `    realm: http://127.0.0.1:${tokenPort}/token`, `    service: ${service}`, `    issuer: ${issuer}`, `    rootcertbundle: ${certFile}`],
    });
    stops.push(token.stop);
    log(`token server up on 127.0.0.1:${tokenPort}`);
    return { basic: basic.address, token: token.address, user: REGISTRY_USER, password, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
