// Where in a compose file a service name is expected, read from the lines above the cursor (the
// file is often not valid YAML while it is being typed): under a service's depends_on or links
// (list items, map keys, or a flow list on the key's line), as extends' value, or as
// extends.service. Pure and linear in the text before the cursor.

interface KeyLine { indent: number; key: string }

const KEY_LINE = /^(\s*)(?:-\s+)?([\w.-]+)\s*:(?:\s|$)/;

function keyLine(line: string): KeyLine | undefined {
  const m = KEY_LINE.exec(line);
  return m ? { indent: m[1].length, key: m[2] } : undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The keys enclosing a line indented `indent`, innermost first, read upward from `lines`' end. */
function ancestors(lines: string[], indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  for (let i = lines.length - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const found = keyLine(line);
    if (found && found.indent < limit) {
      keys.push(found.key);
      limit = found.indent;
    }
  }
  return keys;
}

/** The service whose depends_on/links/extends the cursor is in, when a service name is expected there. */
export function serviceNameContext(text: string, offset: number): { service: string } | undefined {
  const lines = text.slice(0, offset).split('\n');
  const current = lines.pop() ?? '';
  const own = keyLine(current);
  const chainOf = (indent: number): string[] => ancestors(lines, indent);
  if (own) {
    const after = current.slice(current.indexOf(':', own.indent) + 1).trimStart();
    const up = chainOf(own.indent);
    const inService = up.length === 2 && up[1] === 'services';
    if (inService && (own.key === 'depends_on' || own.key === 'links') && after.startsWith('[')) return { service: up[0] };
    if (inService && own.key === 'extends' && !after.startsWith('{')) return { service: up[0] };
    if (own.key === 'service' && up.length === 3 && up[0] === 'extends' && up[2] === 'services') return { service: up[1] };
    return undefined;
  }
  const up = chainOf(indentOf(current));
  if (up.length === 3 && (up[0] === 'depends_on' || up[0] === 'links') && up[2] === 'services') return { service: up[1] };
  return undefined;
}

/** The services a compose file defines: the keys one level under `services:`, in file order. */
export function definedServices(text: string): string[] {
  const names: string[] = [];
  let inServices = false;
  let childIndent = -1;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      inServices = /^services\s*:\s*(?:#.*)?$/.test(line);
      childIndent = -1;
      continue;
    }
    if (!inServices) continue;
    if (childIndent < 0) childIndent = indent;
    if (indent !== childIndent) continue;
    const found = keyLine(line);
    if (found) names.push(found.key);
  }
  return names;
}
