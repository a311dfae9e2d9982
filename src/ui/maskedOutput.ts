// Output channels that never print a secret: every line Wharf writes to its log (engine errors
// quoting a command, an endpoint URL, an unreadable event) or to the build output passes through
// maskText first. Whoever creates a channel wraps it here; nothing else writes to it.
import type * as vscode from 'vscode';
import { maskText } from '../docker/secrets';

/** The channel methods that print their arguments. */
const PRINTING = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function maskArgument(arg: unknown): unknown {
  if (typeof arg === 'string') return maskText(arg);
  if (arg instanceof Error) return maskText(arg.stack ?? `${arg.name}: ${arg.message}`);
  if (arg !== null && typeof arg === 'object') {
    try { return maskText(JSON.stringify(arg)); } catch { return maskText(String(arg)); }
  }
  return arg;
}

/** The same channel, with every printed argument masked. */
export function maskedOutput<T extends vscode.OutputChannel>(channel: T): T {
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && PRINTING.has(property)) return (...args: unknown[]) => method.apply(target, args.map(maskArgument));
      return method.bind(target);
    },
  });
}
