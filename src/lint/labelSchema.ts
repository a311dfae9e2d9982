// Label checks shared by the label-schema rules (DL3049–DL3058): every LABEL key/value pair with
// its ranges, and the value formats hadolint's `label-schema` setting can require.
import { Label, type Dockerfile, type Property } from 'dockerfile-ast';
import spdxIds from 'spdx-license-ids/index.json';
import spdxDeprecated from 'spdx-license-ids/deprecated.json';
import type { Range } from './rule';

export interface LabelPair { name: string; value: string; nameRange: Range; valueRange: Range | null; property: Property; label: Label }

export function labelPairs(dockerfile: Dockerfile): LabelPair[] {
  const pairs: LabelPair[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (!(instruction instanceof Label)) continue;
    for (const property of instruction.getProperties()) {
      pairs.push({ name: property.getName(), value: property.getValue() ?? '', nameRange: property.getNameRange(), valueRange: property.getValueRange(), property, label: instruction });
    }
  }
  return pairs;
}

/** Label names the schema gives the type `type`. */
export function labelsOfType(schema: Record<string, string>, type: string): Set<string> {
  return new Set(Object.entries(schema).filter(([, t]) => t.toLowerCase() === type).map(([name]) => name));
}

/** The value's range, or for an empty value the whole pair (there is no value token to point at). */
export function valueRangeOf(pair: LabelPair): Range {
  const range = pair.valueRange;
  return range && (range.start.line !== range.end.line || range.start.character !== range.end.character) ? range : pair.property.getRange();
}

/** An absolute URI (RFC 3986): a scheme, a colon, then only characters a URI may contain. */
export function isUri(value: string): boolean {
  return /^[A-Z][A-Z0-9+.-]*:[\w\-.~:/?#[\]@!$&'()*+,;=%]*$/i.test(value) && !/%(?![0-9A-F]{2})/i.test(value);
}

/** An RFC 3339 date-time (`2024-05-01T12:00:00Z`, offsets and fractions allowed) that exists. */
export function isRfc3339(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second <= 60 && offsetOk;
}

const spdx = new Set<string>([...spdxIds, ...spdxDeprecated]);

/** A single SPDX license identifier (`MIT`, `Apache-2.0`), as hadolint accepts. */
export function isSpdxLicense(value: string): boolean {
  return spdx.has(value);
}

/** A short (7) or full (40) lowercase hexadecimal git commit hash. */
export function isGitHash(value: string): boolean {
  return /^(?:[0-9a-f]{7}|[0-9a-f]{40})$/.test(value);
}

/** Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, optional pre-release and build metadata. */
export function isSemver(value: string): boolean {
  const id = '(?:0|[1-9]\\d*)';
  const pre = '(?:0|[1-9]\\d*|\\d*[a-z-][0-9a-z-]*)';
  return new RegExp(`^${id}\\.${id}\\.${id}(?:-${pre}(?:\\.${pre})*)?(?:\\+[0-9a-z-]+(?:\\.[0-9a-z-]+)*)?$`, 'i').test(value);
}

/** An RFC 5322 addr-spec: dot-atom or quoted local part, dot-atom or literal domain. */
export function isEmail(value: string): boolean {
  const atom = "[\\w!#$%&'*+/=?^`{|}~-]+";
  const dotAtom = `${atom}(?:\\.${atom})*`;
  const quoted = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
  const literal = '\\[[^[\\]\\\\\\s]*\\]';
  return new RegExp(`^(?:${dotAtom}|${quoted})@(?:${dotAtom}|${literal})$`).test(value);
}
