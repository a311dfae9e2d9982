// FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64` pins the stage to one platform and
// defeats multi-platform builds. BuildKit accepts it when the stage name says which platform it is
// for (`AS build-amd64`), the pattern for per-architecture stages selected with $TARGETARCH.
// The platform is read as BuildKit's platforms.Parse reads it: architecture aliases normalized
// (`x86_64` is amd64, `aarch64` arm64), one word naming an OS or an architecture (the other is
// linux / the default), and a value it cannot parse left to the build to reject.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

const knownOS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos', 'wasip1']);
const archAliases: Record<string, string> = {
  i386: '386', '386': '386', x86_64: 'amd64', 'x86-64': 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64', armhf: 'arm', armel: 'arm', arm: 'arm',
};
const knownArch = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

/** The OS and architecture of a platform string, or undefined when BuildKit could not parse it. */
function parsePlatform(value: string): { os: string; arch: string } | undefined {
  const parts = value.toLowerCase().split('/');
  const arch = (a: string) => archAliases[a] ?? (knownArch.has(a) ? a : undefined);
  if (parts.length === 1) {
    if (knownOS.has(parts[0] === 'macos' ? 'darwin' : parts[0])) return { os: parts[0] === 'macos' ? 'darwin' : parts[0], arch: 'amd64' };
    const a = arch(parts[0]);
    return a ? { os: 'linux', arch: a } : undefined;
  }
  if (parts.length > 3) return undefined;
  const os = parts[0] === 'macos' ? 'darwin' : parts[0];
  const a = arch(parts[1]);
  return knownOS.has(os) && a ? { os, arch: a } : undefined;
}

export const rule: Rule = {
  meta: { code: 'FromPlatformFlagConstDisallowed', reads: ['FROM'], severity: 'warning', source: 'buildkit', description: 'FROM --platform flag should not use a constant value' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const flag = instruction.getPlatformFlag();
      const value = flag?.getValue();
      const range = flag?.getValueRange();
      if (!value || !range || value.includes('$')) continue;
      const stage = instruction.getBuildStage()?.toLowerCase() ?? '';
      const platform = parsePlatform(value);
      if (!platform || stage.includes(platform.os) || stage.includes(platform.arch)) continue;
      report({ range, message: `FROM --platform flag should not use constant value "${value}"` });
    }
  },
};
