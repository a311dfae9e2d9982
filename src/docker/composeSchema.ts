// The Compose Specification's JSON schema as the dclint package ships it (its maintainers keep
// it in step with compose-spec), with the checker built on it. Only the bundle loads this module
// (dist/composeCheck.js, read when the first compose file opens): the package's `exports` do not
// list the schema file, so scripts/lib/bundle.mjs resolves it by path; plain-Node callers
// (tests) read the file themselves and call composeChecker.
import schema from 'dclint/schemas/compose.schema.json';
import { composeChecker } from './composeCheck';

export const checkCompose = composeChecker(schema);
