// BuildKit's progress as the engine streams it: `{"id":"moby.buildkit.trace","aux":"<base64>"}`
// lines whose payload is a moby.buildkit.v1.StatusResponse (vertexes, statuses, logs, warnings).
// Decoded here, log bytes included (dockerode's followProgress hands them on still base64-encoded).
import { bytesOf, readFields, stringOf, varintOf, type WireField } from './wire';

export interface Vertex {
  digest: string;
  inputs: string[];
  /** e.g. "[build 2/4] RUN make" or "[internal] load metadata for …". */
  name: string;
  cached: boolean;
  /** Milliseconds since the epoch. */
  started?: number;
  completed?: number;
  error: string;
}

export interface VertexStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  started?: number;
  completed?: number;
}

export interface VertexLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  /** Raw bytes: a multi-byte character may be split across two logs of one vertex. */
  data: Buffer;
}

export interface VertexWarning {
  vertex: string;
  text: string;
}

export interface StatusResponse {
  vertexes: Vertex[];
  statuses: VertexStatus[];
  logs: VertexLog[];
  warnings: VertexWarning[];
}

function timestamp(fields: readonly WireField[], field: number): number | undefined {
  const bytes = bytesOf(fields, field).at(-1);
  if (!bytes) return undefined;
  const t = readFields(bytes);
  return Number(varintOf(t, 1)) * 1000 + Math.floor(Number(varintOf(t, 2)) / 1e6);
}

/** Decodes one trace payload (the `aux` string); an empty one is an empty response. */
export function decodeStatus(base64: string): StatusResponse {
  const top = readFields(Buffer.from(base64, 'base64'));
  return {
    vertexes: bytesOf(top, 1).map((b) => {
      const f = readFields(b);
      return {
        digest: stringOf(f, 1),
        inputs: bytesOf(f, 2).map((i) => i.toString('utf8')),
        name: stringOf(f, 3),
        cached: varintOf(f, 4) !== 0n,
        started: timestamp(f, 5),
        completed: timestamp(f, 6),
        error: stringOf(f, 7),
      };
    }),
    statuses: bytesOf(top, 2).map((b) => {
      const f = readFields(b);
      return { id: stringOf(f, 1), vertex: stringOf(f, 2), name: stringOf(f, 3), current: Number(varintOf(f, 4)), total: Number(varintOf(f, 5)), started: timestamp(f, 7), completed: timestamp(f, 8) };
    }),
    logs: bytesOf(top, 3).map((b) => {
      const f = readFields(b);
      return { vertex: stringOf(f, 1), stream: Number(varintOf(f, 3)), data: bytesOf(f, 4).at(-1) ?? Buffer.alloc(0) };
    }),
    warnings: bytesOf(top, 4).map((b) => {
      const f = readFields(b);
      return { vertex: stringOf(f, 1), text: stringOf(f, 3) };
    }),
  };
}
