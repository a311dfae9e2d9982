// DL3033: an unpinned `yum install pkg` installs whatever the repository has today, so the
// same Dockerfile builds different images over time. Pin with `pkg-<version>`; a module
// stream is pinned with `module:stream`. As in hadolint: a version may come from a variable
// defined by an ARG or by an ENV of the stage, and ONBUILD RUN is checked with the ONBUILD
// ARG/ENV alone.
import { checkRpmPins } from './DL3041';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3033', perInstruction: true, context: ['ARG', 'ENV', 'FROM', 'ONBUILD'], severity: 'warning', source: 'hadolint', description: 'Specify version with `yum install -y <package>-<version>`.' },
  check(context) {
    checkRpmPins(context, ['yum'], []);
  },
};
