// DL3026: with `trustedRegistries` configured, images must come from one of them: the FROM image,
// a `COPY --from` image and the `from` of a cache or bind mount. As in hadolint: the registry is
// read as its parser reads it (a first path part with a `.`; `localhost:5000/app` has none), an
// image without a registry is from Docker Hub (allowed when docker.io or hub.docker.com is
// listed), `scratch` and earlier stage names are always allowed, and a listed registry may carry
// a `*` at its start (`*.example.com`) or end (`registry.*`), or be `*` alone.
import { Copy, From, Run } from 'dockerfile-ast';
import { fromFlag, hadolintImage, mountsOf } from '../packages';
import type { Range, Rule } from '../rule';

export function registryMatches(allowed: string, registry: string): boolean {
  if (allowed === '*') return true;
  if (allowed.startsWith('*')) return registry.endsWith(allowed.slice(1));
  if (allowed.endsWith('*')) return registry.startsWith(allowed.slice(0, -1));
  return registry === allowed;
}

/** The registry part of a COPY --from / mount `from` value, as hadolint's IsString Image reads it. */
function sourceImage(value: string): { registry?: string; name: string } {
  const slash = value.indexOf('/');
  if (slash >= 0 && value.slice(0, slash).includes('.')) return { registry: value.slice(0, slash), name: value.slice(slash + 1) };
  return { name: value };
}

export const rule: Rule = {
  meta: { code: 'DL3026', reads: ['ARG', 'FROM', 'COPY', 'RUN'], severity: 'error', source: 'hadolint', description: 'Use only an allowed registry in the FROM image' },
  check({ dockerfile, settings, report }) {
    const trusted = settings.trustedRegistries;
    if (trusted.length === 0) return;
    const stages = new Set<string>();
    const isTrusted = (registry: string) => trusted.some((t) => registryMatches(t, registry));
    const allowed = (image: { registry?: string; name: string }) => stages.has(image.name)
      || (image.registry !== undefined ? isTrusted(image.registry) : image.name === 'scratch' || isTrusted('docker.io') || isTrusted('hub.docker.com'));
    const flag = (range: Range, registry: string | undefined) =>
      report({ range, message: `Use only an allowed registry in the FROM image: ${registry ?? 'docker.io'} is not trusted` });
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const word = instruction.getArguments()[0];
        if (!word) continue;
        const image = hadolintImage(word.getValue());
        if (!allowed(image)) {
          const start = word.getRange().start;
          const single = word.getRange().end.line === start.line;
          const range = image.registry !== undefined && single ? { start, end: { line: start.line, character: start.character + image.registry.length } } : image.registry === undefined ? instruction.getImageNameRange() ?? word.getRange() : word.getRange();
          flag(range, image.registry);
        }
        const stage = instruction.getBuildStage();
        if (stage) stages.add(stage);
      } else if (instruction instanceof Copy) {
        const from = fromFlag(instruction) as ({ getValue(): string | null; getValueRange(): Range | null } | undefined);
        const value = from?.getValue();
        const range = from?.getValueRange();
        if (!value || !range) continue;
        const image = sourceImage(value);
        if (!allowed(image)) flag(range, image.registry);
      } else if (instruction instanceof Run) {
        const mountFlags = instruction.getFlags().filter((f) => f.getName() === 'mount');
        mountsOf(instruction).forEach((mount, i) => {
          if (mount.type !== 'cache' && mount.type !== 'bind') return;
          const image = sourceImage(mount.from ?? 'scratch');
          if (!allowed(image)) flag(mountFlags[i].getRange(), image.registry);
        });
      }
    }
  },
};
