// Terminal control sequences in text that is shown as plain text (an output channel, a
// notification, a diagnostic): builders colour and redraw their output for a terminal, and the
// escape codes would show as garbage there.

// CSI sequences (colours, cursor moves), OSC sequences (titles, links) ended by BEL or ST, and
// the two-byte escapes (charset switches take three). Each alternative starts with ESC and
// consumes a bounded class, so the scan is linear.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPES = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[()][\u0020-\u007e]|\u001b[\u0030-\u007e]/g;

/**
 * The text as a plain-text view shows it: escape sequences removed, and of a line redrawn with
 * carriage returns (a progress bar) only what was drawn last.
 */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '').split('\n').map((line) => {
    const parts = line.split('\r').filter((part) => part !== '');
    return parts.at(-1) ?? '';
  }).join('\n');
}
