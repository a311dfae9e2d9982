// One finding per problem. hadolint and BuildKit each have a check for some of the same problems
// (MAINTAINER is DL4000 and MaintainerDeprecated); when both report it at the same place the user
// sees one finding that carries the hadolint code and names the BuildKit one in `alsoCodes`.
import type { Finding, Fix, Severity } from './rule';

/**
 * hadolint code → the BuildKit check that reports the same problem on the same token. Pairs that
 * look alike but point elsewhere are left out on purpose: DL4003/DL4004/DL3012 report the later
 * CMD/ENTRYPOINT/HEALTHCHECK of a stage, MultipleInstructionsDisallowed the earlier ones, so
 * their findings never share a place; DL3011 and InvalidPort are kept apart inside InvalidPort.
 */
export const overlappingChecks: Readonly<Record<string, string>> = {
  DL3000: 'WorkdirRelativePath',
  DL3024: 'DuplicateStageName',
  DL3025: 'JSONArgsRecommended',
  DL3029: 'FromPlatformFlagConstDisallowed',
  DL3063: 'ReservedStageName',
  DL3064: 'SecretsUsedInArgOrEnv',
  DL3065: 'RedundantTargetPlatform',
  DL4000: 'MaintainerDeprecated',
};

const hadolintOf = new Map(Object.entries(overlappingChecks).map(([hadolint, buildkit]) => [buildkit, hadolint]));

/** The other half of a pair, if the code has one (DL4000 ↔ MaintainerDeprecated). */
export function overlappingCode(code: string): string | undefined {
  return overlappingChecks[code] ?? hadolintOf.get(code);
}

const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1, style: 0 };

/** Same line, and the ranges touch or overlap: DL3029 marks the flag, its pair the flag's value. */
function samePlace(a: Finding, b: Finding): boolean {
  const { start: as, end: ae } = a.range;
  const { start: bs, end: be } = b.range;
  if (as.line !== bs.line) return false;
  const before = (p: typeof as, q: typeof as) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(ae, bs) && !before(be, as);
}

/**
 * Folds each BuildKit finding into the hadolint finding of its pair at the same place. The kept
 * finding takes the more severe level of the two and both rules' fixes (one per distinct edit,
 * its own first). Findings are expected configured already: an ignored half leaves the other.
 */
export function mergeOverlaps(findings: readonly Finding[]): Finding[] {
  const byLine = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!(finding.code in overlappingChecks)) continue;
    const key = `${finding.code}:${finding.range.start.line}`;
    const list = byLine.get(key);
    if (list) list.push(finding); else byLine.set(key, [finding]);
  }
  if (byLine.size === 0) return findings.slice();
  const merged = new Map<Finding, Finding>();
  const folded = new Set<Finding>();
  for (const finding of findings) {
    const partner = hadolintOf.get(finding.code);
    if (!partner) continue;
    const primary = byLine.get(`${partner}:${finding.range.start.line}`)?.find((p) => !merged.has(p) && samePlace(p, finding));
    if (!primary) continue;
    merged.set(primary, combine(primary, finding));
    folded.add(finding);
  }
  const result: Finding[] = [];
  for (const finding of findings) {
    if (folded.has(finding)) continue;
    result.push(merged.get(finding) ?? finding);
  }
  return result;
}

function combine(primary: Finding, other: Finding): Finding {
  const fixes: Fix[] = [...primary.fixes];
  const seen = new Set(fixes.map((fix) => JSON.stringify(fix.edits)));
  for (const fix of other.fixes) if (!seen.has(JSON.stringify(fix.edits))) fixes.push(fix);
  return {
    ...primary,
    severity: rank[other.severity] > rank[primary.severity] ? other.severity : primary.severity,
    fixes,
    alsoCodes: [...(primary.alsoCodes ?? []), other.code],
  };
}
