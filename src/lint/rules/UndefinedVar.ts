// UndefinedVar: BuildKit expands $VAR itself in ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER,
// VOLUME, WORKDIR and ARG; a variable no ARG or ENV defined expands to nothing, usually a typo or
// a global ARG that was not re-declared inside the stage.
//
// BuildKit knows the base image's environment at build time; a linter does not. For a stage built
// on an external image, variables that common official images define (below) count as defined,
// so `WORKDIR $GOPATH/src` on golang is not reported. `${VAR:-default}` and the other modifier
// forms are never reported: they handle the unset case on purpose.
import { From } from 'dockerfile-ast';
import { declaredNames, expandedVariables, expandingKeywords, stagesOf, suggestName } from '../buildkit';
import type { Rule } from '../rule';

const alwaysDefined = ['PATH'];
const commonImageEnv = [
  'HOME', 'HOSTNAME', 'TERM', 'USER', 'PWD', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'TZ', 'DEBIAN_FRONTEND',
  'GOPATH', 'GOLANG_VERSION', 'GOTOOLCHAIN', 'CGO_ENABLED', 'JAVA_HOME', 'JAVA_VERSION', 'JDK_VERSION',
  'NODE_VERSION', 'YARN_VERSION', 'NODE_ENV', 'NPM_CONFIG_PREFIX', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PIP_NO_CACHE_DIR',
  'GPG_KEY', 'RUBY_VERSION', 'RUBY_MAJOR', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'PHP_VERSION', 'PHP_INI_DIR',
  'NGINX_VERSION', 'NJS_VERSION', 'CATALINA_HOME', 'TOMCAT_VERSION', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION',
  'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION', 'DOTNET_VERSION', 'ASPNET_VERSION', 'DOTNET_RUNNING_IN_CONTAINER',
  'PGDATA', 'PG_VERSION', 'PG_MAJOR', 'MYSQL_VERSION', 'MARIADB_VERSION', 'REDIS_VERSION', 'HTTPD_PREFIX',
];

/** What a stage knows before its own ARGs and ENVs: built once, shared by every lint. */
const scratchBase: ReadonlySet<string> = new Set(alwaysDefined);
const imageBase: ReadonlySet<string> = new Set([...alwaysDefined, ...commonImageEnv]);

/** A stage's names: those it starts with (shared, never written) and those it declares. */
interface Known { base: ReadonlySet<string>; declared: Set<string>; all?: ReadonlySet<string> }

/** Every name, in the order they became known (the order "did you mean" hints are chosen in). */
function allOf(known: Known): ReadonlySet<string> {
  if (known.declared.size === 0) return known.base;
  known.all ??= new Set([...known.base, ...known.declared]);
  return known.all;
}

export const rule: Rule = {
  meta: { code: 'UndefinedVar', perInstruction: true, context: ['ARG', 'ENV', 'FROM'], severity: 'warning', source: 'buildkit', description: 'Variables should be defined before their use' },
  check({ dockerfile, text, report }) {
    const stages = stagesOf(dockerfile);
    const escape = dockerfile.getEscapeCharacter();
    const finalNames: Known[] = [];
    for (const stage of stages) {
      // A child stage starts with its parent's names, which begin with alwaysDefined too.
      const base = stage.parent !== undefined ? allOf(finalNames[stage.parent]) : isScratch(stage.from) ? scratchBase : imageBase;
      const known: Known = { base, declared: new Set() };
      for (const instruction of stage.instructions) {
        if (expandingKeywords.has(instruction.getKeyword())) {
          for (const variable of expandedVariables(instruction, text, escape)) {
            const name = variable.name;
            if (base.has(name) || known.declared.has(name) || variable.hasModifier) continue;
            const suggestion = suggestName(name, allOf(known));
            report({
              range: variable.range,
              message: `Usage of undefined variable '$${name}'` + (suggestion ? ` (did you mean $${suggestion}?)` : ''),
            });
          }
        }
        // Declared after the instruction's own expansion: `ENV A=1 B=$A` reads the previous A.
        for (const name of declaredNames(instruction)) {
          if (!base.has(name) && !known.declared.has(name)) { known.declared.add(name); known.all = undefined; }
        }
      }
      finalNames.push(known);
    }
  },
};

function isScratch(from: From): boolean {
  return from.getArguments()[0]?.getValue().toLowerCase() === 'scratch';
}
