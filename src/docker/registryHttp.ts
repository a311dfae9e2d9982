// One HTTP exchange with a registry: a deadline and the caller's AbortSignal on every request,
// the body read whole (capped), and the transport's failures kept apart from the registry's
// answers so the client can tell "speaks plain HTTP" or "untrusted certificate" from "said no".
import * as http from 'node:http';
import * as https from 'node:https';

/** How long one registry request may take; a registry is often far away, an engine is not. */
export const REGISTRY_DEADLINE_MS = 30_000;
/** A registry's JSON answers are small; anything bigger is not one (a proxy's page, a blob). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD' | 'DELETE' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Extra certificate authorities (a registry's certs.d ca.crt). */
  ca?: string[];
  /** Skip certificate verification: only for a registry the engine treats as insecure. */
  insecureTls?: boolean;
}

/** The transport failed before any HTTP answer: which way, for the client's fallbacks and messages. */
export class TransportError extends Error {
  constructor(message: string, readonly kind: 'tls' | 'certificate' | 'refused' | 'timeout' | 'cancelled' | 'other', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID/;

function transportError(err: NodeJS.ErrnoException, url: URL): TransportError {
  const code = err.code ?? '';
  if (CERTIFICATE_CODES.test(code)) return new TransportError(`the certificate of ${url.host} is not trusted (${code})`, 'certificate', { cause: err });
  // An HTTPS hello answered in plain HTTP ends in a TLS record error or a reset connection.
  if (/^ERR_SSL|EPROTO/.test(code) || /wrong version number|packet length too long/i.test(err.message)) return new TransportError(`${url.host} does not speak HTTPS`, 'tls', { cause: err });
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') return new TransportError(`cannot reach ${url.host} (${code})`, 'refused', { cause: err });
  return new TransportError(`${url.host}: ${err.message}`, 'other', { cause: err });
}

export function httpExchange(request: HttpRequest): Promise<HttpAnswer> {
  const { url } = request;
  const ms = request.deadlineMs ?? REGISTRY_DEADLINE_MS;
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (request.signal?.aborted) { reject(new TransportError('cancelled', 'cancelled')); return; }
    const secure = url.protocol === 'https:';
    const options: https.RequestOptions = {
      method: request.method ?? 'GET',
      headers: { 'User-Agent': 'wharf', ...request.headers },
      ...(secure ? { ca: request.ca?.length ? request.ca : undefined, rejectUnauthorized: !request.insecureTls } : {}),
    };
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) { req.destroy(); finish(() => reject(new TransportError(`${url.host} sent more than ${MAX_BODY_BYTES} bytes`, 'other'))); return; }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })));
      res.on('error', (err) => finish(() => reject(transportError(err, url))));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(() => reject(new TransportError(`${url.host} did not answer within ${ms} ms`, 'timeout')));
    }, ms);
    const onAbort = (): void => {
      req.destroy();
      finish(() => reject(new TransportError('cancelled', 'cancelled')));
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(transportError(err, url))));
    req.end(request.body);
  });
}
