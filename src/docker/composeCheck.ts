// Checks a compose file against the Compose Specification's JSON schema, and finds where in the
// text each problem is. Ajv validates the parsed document, and the yaml package's node ranges
// turn each error's JSON path back into a place in the file. Pure: the schema is given
// (composeSchema.ts brings the one dclint ships), text in, findings out.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface ComposeFinding {
  message: string;
  /** Offsets into the text: where the finding shows. */
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

function compile(schema: object): ValidateFunction {
  // The schema names draft-07 by an https URL Ajv does not know, and uses formats and the
  // `deprecated` annotation; none of that changes what is valid, so strict mode is off.
  const body: Record<string, unknown> = { ...schema };
  delete body.$schema;
  return new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(body);
}

/** The node at a JSON pointer path ("/services/web/ports/0"), or the deepest one that exists. */
function nodeAt(doc: Document, pointer: string): Node | undefined {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      if (!pair || !pair.value) return (pair?.key as Node | undefined) ?? (node as Node);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)];
      if (!item) return node as Node;
      node = item;
    } else break;
  }
  return node as Node | undefined;
}

/** The key node of `property` in the mapping at `pointer` (an unknown property is shown on its key). */
function keyAt(doc: Document, pointer: string, property: string): Node | undefined {
  const parent = nodeAt(doc, pointer);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === property);
  return pair?.key as Node | undefined;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  switch (error.keyword) {
    case 'additionalProperties': return `${where === 'the file' ? 'The file' : `"${where}"`} does not allow "${String(error.params.additionalProperty)}".`;
    case 'required': return `"${where}" needs "${String(error.params.missingProperty)}".`;
    case 'type': return `"${where}" must be ${String(error.params.type).replace(/,/g, ' or ')}.`;
    case 'enum': return `"${where}" must be one of: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'oneOf':
    case 'anyOf': return `"${where}" has none of the forms Compose accepts here.`;
    default: return `"${where}" ${error.message ?? 'is not valid'}.`;
  }
}

/**
 * What schema errors say once. Where an alternative (oneOf/anyOf) failed, Ajv reports every
 * branch; when errors deeper inside the value exist they say what is wrong (the branch whose shape
 * matched), and the branch errors at the value itself are dropped; otherwise only the alternative
 * is reported.
 */
function essential(errors: ErrorObject[]): ErrorObject[] {
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const hasDeeper = (p: string): boolean => errors.some((e) => e.instancePath.startsWith(`${p}/`));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'if' || e.keyword === 'not' || e.keyword === 'false schema') return false;
    if (alternatives.has(e.instancePath) && (hasDeeper(e.instancePath) || (e.keyword !== 'oneOf' && e.keyword !== 'anyOf'))) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A checker for `schema` (compiled once): problems of a compose file, YAML it cannot read first. */
export function composeChecker(schema: object): (text: string) => ComposeFinding[] {
  let validate: ValidateFunction | undefined;
  return (text) => checkWith(validate ??= compile(schema), text);
}

function checkWith(check: ValidateFunction, text: string): ComposeFinding[] {
  // Compose reads YAML merge keys (`<<: *common`), a YAML 1.1 feature the parser must be asked for.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: true });
  const findings: ComposeFinding[] = [];
  for (const error of doc.errors) {
    findings.push({ message: `YAML: ${error.message.split('\n')[0]}`, start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1), severity: 'error' });
  }
  if (doc.errors.length > 0) return findings;
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || value === undefined) return findings; // an empty file is still being written
  if (check(value)) return findings;
  for (const error of essential(check.errors ?? [])) {
    const node = error.keyword === 'additionalProperties'
      ? keyAt(doc, error.instancePath, String(error.params.additionalProperty))
      : nodeAt(doc, error.instancePath);
    const [start, end] = node?.range ?? [0, 0, 0];
    findings.push({ message: describe(error), start, end: Math.max(end, start + 1), severity: 'error' });
  }
  return findings;
}
