// The few protobuf wire-format pieces the BuildKit session and status stream need, read and
// written by hand: the messages are small and fixed (buildkit's control.proto, secrets.proto,
// ssh.proto, grpc health), and a protobuf runtime would weigh more than the whole build chunk.

/** One field of a message: its number, and its value (varint as bigint, length-delimited as bytes). */
export type WireField = { field: number; varint: bigint } | { field: number; bytes: Buffer };

/** The fields of a message in order; unknown wire types (groups, fixed32/64) are skipped. */
export function readFields(buffer: Buffer): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= buffer.length) throw new Error('protobuf: truncated varint');
      const byte = buffer[at++];
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
      if (shift > 63n) throw new Error('protobuf: varint too long');
    }
  };
  while (at < buffer.length) {
    const key = Number(varint());
    const field = key >>> 3;
    switch (key & 7) {
      case 0: fields.push({ field, varint: varint() }); break;
      case 1: at += 8; break;
      case 2: {
        const length = Number(varint());
        if (at + length > buffer.length) throw new Error('protobuf: truncated field');
        fields.push({ field, bytes: buffer.subarray(at, at + length) });
        at += length;
        break;
      }
      case 5: at += 4; break;
      default: throw new Error(`protobuf: wire type ${key & 7} not supported`);
    }
  }
  return fields;
}

/** The bytes of every length-delimited occurrence of `field`. */
export function bytesOf(fields: readonly WireField[], field: number): Buffer[] {
  return fields.flatMap((f) => (f.field === field && 'bytes' in f ? [f.bytes] : []));
}

export function stringOf(fields: readonly WireField[], field: number): string {
  return bytesOf(fields, field).at(-1)?.toString('utf8') ?? '';
}

export function varintOf(fields: readonly WireField[], field: number): bigint {
  let value = 0n;
  for (const f of fields) if (f.field === field && 'varint' in f) value = f.varint;
  return value;
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) { bytes.push((rest & 0x7f) | 0x80); rest = Math.floor(rest / 128); }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A message of length-delimited fields (strings and bytes) and varints, in the order given. */
export function writeFields(fields: readonly ({ field: number; bytes: Buffer | string } | { field: number; varint: number })[]): Buffer {
  return Buffer.concat(fields.flatMap((f) => {
    if ('varint' in f) return [encodeVarint(f.field << 3), encodeVarint(f.varint)];
    const bytes = typeof f.bytes === 'string' ? Buffer.from(f.bytes, 'utf8') : f.bytes;
    return [encodeVarint((f.field << 3) | 2), encodeVarint(bytes.length), bytes];
  }));
}
