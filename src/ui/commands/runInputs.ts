// Parsing what the user types in the Run flow. Pure: unit-tested without VS Code or an engine.
import type { PortSpec } from '../../docker/runOptions';

const PORT = /^(?:(?:\[([0-9a-fA-F:]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):)?(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

/** "8080:80, 127.0.0.1:8443:443/tcp, 53/udp" → port specs; throws with the bad entry named. */
export function parsePorts(text: string): PortSpec[] {
  return text.split(/[\s,]+/).filter(Boolean).map((entry) => {
    const match = PORT.exec(entry);
    if (!match) throw new Error(`"${entry}" is not a port mapping (HOST:CONTAINER, IP:HOST:CONTAINER or CONTAINER[/udp]).`);
    const [, ipv6, ipv4, host, container, protocol] = match;
    const spec: PortSpec = { containerPort: Number(container) };
    if (host) spec.hostPort = Number(host);
    if (ipv4 || ipv6) spec.hostIp = ipv4 ?? ipv6;
    if (protocol) spec.protocol = protocol as PortSpec['protocol'];
    for (const n of [spec.containerPort, spec.hostPort]) if (n !== undefined && (n < 1 || n > 65535)) throw new Error(`"${entry}": ports are 1–65535.`);
    return spec;
  });
}

/** "A=1, B=two words" / "A=1 B=2" → { A: "1", B: "two words" }: a new entry starts at NAME=. */
export function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const parts = splitAtAssignments(text).map((p) => p.trim().replace(/,$/, '')).filter(Boolean);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`"${part}" is not NAME=VALUE.`);
    env[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return env;
}

/**
 * Splits where a comma (and the whitespace after it) or a run of whitespace is followed by
 * `NAME=`. A scan with the name runs measured once from the right: a lookahead pattern split
 * re-read every whitespace run from each of its characters, quadratic in a long paste.
 */
function splitAtAssignments(text: string): string[] {
  const isNameChar = (c: string) => /[\w.]/.test(c);
  // nameEnd[i]: where the run of name characters starting at i ends.
  const nameEnd = new Array<number>(text.length + 1);
  nameEnd[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) nameEnd[i] = isNameChar(text[i]) ? nameEnd[i + 1] : i;
  const assignmentAt = (i: number) => i < text.length && /[A-Z_]/i.test(text[i]) && text[nameEnd[i]] === '=';
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const parts: string[] = [];
  let partStart = 0;
  for (let i = 0; i < text.length;) {
    if (text[i] !== ',' && !isSpace(text[i])) { i++; continue; }
    let after = i + 1;
    while (isSpace(text[after])) after++;
    if (assignmentAt(after)) { parts.push(text.slice(partStart, i)); partStart = after; i = after; continue; }
    // Every start inside a whitespace run reaches the same end, so the run is read once; after a
    // comma the next character is tried again (it may be another comma).
    i = text[i] === ',' ? i + 1 : after;
  }
  parts.push(text.slice(partStart));
  return parts;
}

/** Container names the engine accepts: [a-zA-Z0-9][a-zA-Z0-9_.-]*. Empty is fine (the engine picks one). */
export function containerNameProblem(name: string): string | undefined {
  if (!name) return undefined;
  return /^[a-z0-9][\w.-]*$/i.test(name) ? undefined : 'Use letters, digits, "_", "." and "-", starting with a letter or digit.';
}
