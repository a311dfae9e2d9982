// The one masking module: which names are secret, what is masked in free text, in Env entries,
// in command arrays and in whole inspect answers, and that hostile input is masked in linear
// time (each adversarial input must finish within 1 s: a hang detector, not a speed test).
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { isSecretName, MASK, maskArgs, maskEnvEntry, maskInspect, maskKeyedValue, maskText, nameWords } from '../../../src/docker/secrets';

describe('secrets: names', () => {
  it('splits names into words at separators and case changes', () => {
    assert.deepEqual(nameWords('dbPassword_FILE'), ['db', 'password', 'file']);
    assert.deepEqual(nameWords('--api-key'), ['api', 'key']);
    assert.deepEqual(nameWords('com.example.APIKey'), ['com', 'example', 'apikey']);
    assert.deepEqual(nameWords('x2Token'), ['x2', 'token']);
    assert.deepEqual(nameWords('--'), []);
  });

  const secret = [
    'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'HTPASSWD', 'REDIS_PASS', 'MYSQL_PWD', 'GPG_PASSPHRASE',
    'client_secret', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'npmToken', 'ACCESS_TOKEN',
    'API_KEY', 'APIKEY', 'apiKey', 'PRIVATE_KEY', 'ssh-keys', 'AUTH', 'NPM_AUTH', 'OAUTH_CLIENT', 'basicauth',
    'AUTHORIZATION', 'X-Auth-Token', 'SENTRY_DSN', 'DATABASE_DSN', 'GOOGLE_APPLICATION_CREDENTIALS', 'AWS_CREDS',
    'traefik.http.middlewares.admin.basicauth.users', 'com.example.api-key', '--password', '-token', '--db-pass',
    'spring.datasource.password', 'keys',
  ];
  for (const name of secret) it(`"${name}" is secret`, () => assert.ok(isSecretName(name), name));

  const notSecret = [
    'PATH', 'HOME', 'MODE', 'HOSTNAME', 'KEYBOARD_LAYOUT', 'org.opencontainers.image.authors', 'AUTHOR', 'LANG',
    'MYSQL_PASSWORD_FILE', 'SSL_KEY_PATH', '--password-stdin', 'SECRETS_DIR', 'com.docker.compose.project', '', '---',
  ];
  for (const name of notSecret) it(`"${name}" is not secret`, () => assert.ok(!isSecretName(name), name));
});

describe('secrets: free text', () => {
  const cases: Array<[string, string]> = [
    ['postgres://app:hunter2@db:5432/app', `postgres://app:${MASK}@db:5432/app`],
    ['see https://user:p@ss@example.com/x?y=1 now', `see https://user:${MASK}@example.com/x?y=1 now`],
    ['redis://:s3cret@cache', `redis://:${MASK}@cache`],
    ['two: a://u:1@h and b://v:2@k', `two: a://u:${MASK}@h and b://v:${MASK}@k`],
    ['ssh://root@host:22 keeps the user', 'ssh://root@host:22 keeps the user'],
    ['http://host:8080/path@x is no user info', 'http://host:8080/path@x is no user info'],
    ['http://u:@h (empty password)', 'http://u:@h (empty password)'],
    ['mysql --password=hunter2 -u root', `mysql --password=${MASK} -u root`],
    ['app --token abc123 --verbose', `app --token ${MASK} --verbose`],
    ['app --token --verbose', 'app --token --verbose'],
    ["app --api-key 'a b c' next", `app --api-key '${MASK}' next`],
    ['run --secret="x y" z', `run --secret="${MASK}" z`],
    ['export DB_PASSWORD=hunter2; echo ok', `export DB_PASSWORD=${MASK}; echo ok`],
    ['addr=10.0.0.1,username=me,password=p4ss,uid=1000', `addr=10.0.0.1,username=me,password=${MASK},uid=1000`],
    ['/bin/sh -c #(nop)  ENV API_TOKEN=abc', `/bin/sh -c #(nop)  ENV API_TOKEN=${MASK}`],
    ['{"Password":"hunter2","User":"me"}', `{"Password":"${MASK}","User":"me"}`],
    ['{"token" : "a\\"b", "n": 1}', `{"token" : "${MASK}", "n": 1}`],
    ['docker login --password-stdin registry', 'docker login --password-stdin registry'],
    ['PATH=/usr/bin MODE=prod', 'PATH=/usr/bin MODE=prod'],
    ['no secrets here', 'no secrets here'],
    ['', ''],
  ];
  for (const [input, expected] of cases) it(`masks ${JSON.stringify(input)}`, () => assert.equal(maskText(input), expected));
});

describe('secrets: Env, labels and command arrays', () => {
  it('masks a secret Env value whole, and URL passwords in any Env value', () => {
    assert.equal(maskEnvEntry('DB_PASSWORD=hunter 2'), `DB_PASSWORD=${MASK}`);
    assert.equal(maskEnvEntry('DB_PASSWORD='), 'DB_PASSWORD=');
    assert.equal(maskEnvEntry('DATABASE_URL=postgres://u:pw@h/db'), `DATABASE_URL=postgres://u:${MASK}@h/db`);
    assert.equal(maskEnvEntry('JAVA_OPTS=-Ddb.password=x -Xmx1g'), `JAVA_OPTS=-Ddb.password=${MASK} -Xmx1g`);
    assert.equal(maskEnvEntry('PATH=/bin'), 'PATH=/bin');
  });

  it('masks a label whose key is secret whole, and URL passwords in other labels', () => {
    assert.equal(maskKeyedValue('traefik.http.middlewares.a.basicauth.users', 'admin:$apr1$x'), MASK);
    assert.equal(maskKeyedValue('com.example.upstream', 'https://u:p@h'), `https://u:${MASK}@h`);
    assert.equal(maskKeyedValue('org.opencontainers.image.authors', 'me'), 'me');
    assert.equal(maskKeyedValue('SandboxKey', '/var/run/docker/netns/x'), '/var/run/docker/netns/x');
  });

  it('masks the argument after a secret flag, and secret NAME=value arguments, whole', () => {
    assert.deepEqual(maskArgs(['mysqld', '--password', 'hunter 2', '--port', '3306']), ['mysqld', '--password', MASK, '--port', '3306']);
    assert.deepEqual(maskArgs(['app', '--token=a b']), ['app', `--token=${MASK}`]);
    assert.deepEqual(maskArgs(['podman', 'run', '-e', 'DB_PASSWORD=x y', '--env', 'MODE=prod', 'img']), ['podman', 'run', '-e', `DB_PASSWORD=${MASK}`, '--env', 'MODE=prod', 'img']);
    assert.deepEqual(maskArgs(['sh', '-c', 'curl https://me:pw@h && run --secret s']), ['sh', '-c', `curl https://me:${MASK}@h && run --secret ${MASK}`]);
    assert.deepEqual(maskArgs(['--password', '--verbose']), ['--password', '--verbose']);
    assert.deepEqual(maskArgs(['--password']), ['--password']);
  });
});

describe('secrets: whole inspect answers', () => {
  const container = {
    Id: 'abc', Path: '/entrypoint.sh', Args: ['--db-password', 'pw1', '--url=https://u:pw2@h'],
    Config: {
      Env: ['API_TOKEN=pw3', 'PATH=/bin'],
      Cmd: ['serve', '--auth=pw4'],
      Entrypoint: ['/entrypoint.sh', '--secret', 'pw5'],
      Labels: { 'com.example.api-key': 'pw6', note: 'redis://:pw7@cache', authors: 'me' },
      Healthcheck: { Test: ['CMD-SHELL', 'check --token pw8'] },
      CreateCommand: ['podman', 'run', '-e', 'MYSQL_ROOT_PASSWORD=pw9', 'img'],
      Passwd: true,
    },
    HostConfig: { LogConfig: { Type: 'splunk', Config: { 'splunk-token': 'pw10', 'splunk-url': 'https://splunk' } } },
    NetworkSettings: { SandboxKey: '/var/run/docker/netns/1' },
    Mounts: [{ Options: { o: 'addr=h,password=pw11' } }],
    Numbers: { Pin: 1, Secret: 1234 },
  };

  it('leaves no secret anywhere in the masked copy, and keeps everything else', () => {
    const masked = maskInspect(container) as typeof container;
    const json = JSON.stringify(masked);
    for (let n = 1; n <= 11; n++) assert.ok(!new RegExp(`pw${n}\\b`).test(json), `pw${n} masked: ${json}`);
    assert.ok(!json.includes('1234'));
    assert.deepEqual(masked.Config.Env, [`API_TOKEN=${MASK}`, 'PATH=/bin']);
    assert.equal(masked.Config.Labels.authors, 'me');
    assert.equal(masked.Config.Passwd, true);
    assert.equal(masked.NetworkSettings.SandboxKey, '/var/run/docker/netns/1');
    assert.equal(masked.HostConfig.LogConfig.Config['splunk-url'], 'https://splunk');
    assert.equal(masked.Numbers.Pin, 1);
    assert.equal(masked.Id, 'abc');
  });

  it('does not change its input', () => {
    const before = JSON.stringify(container);
    maskInspect(container);
    assert.equal(JSON.stringify(container), before);
  });

  it('passes scalars and null through', () => {
    assert.equal(maskInspect(null), null);
    assert.equal(maskInspect(3), 3);
    assert.equal(maskInspect('a://u:p@h'), `a://u:${MASK}@h`);
  });
});

describe('secrets: hostile input stays linear', function () {
  this.timeout(20_000);
  const SIZE = 256 * 1024;
  const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const inputs: Array<[string, string]> = [
    ['"://" repeated', fill('://')],
    ['a:// then colons, no @', `a://${fill(':')}`],
    ['a:// then @s', `a://${fill('@')}`],
    ['user info that never ends', `a://u:${fill('p')}`],
    ['"a://x:" repeated', fill('a://x:')],
    ['"password=" repeated', fill('password=')],
    ['"--token " repeated', fill('--token ')],
    ['"--token -" repeated', fill('--token -')],
    ['"\\"token\\"   " repeated', fill('"token"   ')],
    ['"\\"token\\": " repeated', fill('"token": ')],
    ['an unterminated quoted value', `--token="${fill('\\"')}`],
    ['one long word', fill('a')],
    ['one long secret-looking word', fill('passwordauthor')],
    ['authors repeated', fill('authors')],
    ['camelCase repeated', fill('aB')],
    ['x= repeated', fill('x=')],
    ['spaces', fill(' ')],
    ['line separators', fill('\u2028a=')],
  ];
  for (const [name, input] of inputs) {
    it(`masks 256 KB of ${name} within 1 s`, () => {
      const start = performance.now();
      const text = maskText(input);
      maskEnvEntry(input);
      maskArgs([input, input]);
      isSecretName(input);
      const elapsed = performance.now() - start;
      assert.ok(typeof text === 'string');
      assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
    });
  }

  it('masks a 256 KB inspect answer of many labels within 1 s', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) labels[`com.example.key${i}`] = `https://u:p${i}@h`;
    const start = performance.now();
    const masked = JSON.stringify(maskInspect({ Config: { Labels: labels, Env: Object.keys(labels).map((k) => `${k}=x`) } }));
    assert.ok(performance.now() - start < 1000);
    assert.ok(!/p\d+@/.test(masked));
  });
});
