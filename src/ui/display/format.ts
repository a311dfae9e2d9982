// Small pure formatters for sizes, ages and markdown-safe text. No vscode import: unit-tested in
// plain Node, and every caller gets the same wording.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1234567 → "1.23 MB" (decimal units, as the docker CLI shows sizes). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

const SPANS: Array<[number, string]> = [
  [365 * 24 * 3600_000, 'year'],
  [30 * 24 * 3600_000, 'month'],
  [7 * 24 * 3600_000, 'week'],
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** The largest whole unit of a duration: "3 days", "1 hour", "less than a second". */
export function formatDuration(ms: number): string {
  for (const [size, unit] of SPANS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}

/** A build step's duration: "0.4s", "12.3s", "2m 05s". */
export function formatStepDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** "3 days ago" from an epoch-ms timestamp. */
export function formatAge(epochMs: number, now = Date.now()): string {
  if (!epochMs) return '';
  return `${formatDuration(Math.max(0, now - epochMs))} ago`;
}

/**
 * Every character that ends a line for some renderer (CR, LF, VT, FF, NEL, U+2028, U+2029) or is
 * an invisible control becomes a space: engine text in a hover must stay on its own line, inside
 * its code span or escaped run, whatever it holds. One pass, no regex.
 */
export function singleLine(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      out += `${text.slice(copied, i)} `;
      copied = i + 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Escapes text so markdown shows it literally, on one line (engine data is never markup). */
export function escapeMarkdown(text: string): string {
  return singleLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>&~=:]/g, (ch) => `\\${ch}`);
}

/** Inline code span that survives backticks and line breaks inside the value. */
export function markdownCode(text: string): string {
  const flat = singleLine(text);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < flat.length; i++) {
    run = flat.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
