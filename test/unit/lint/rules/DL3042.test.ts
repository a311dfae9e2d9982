import { rule } from '../../../../src/lint/rules/DL3042';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.0\n',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.0\n',
    'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install flask==3.0\n',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0\n',
    'FROM python:3.12\nRUN pipx install black && pipenv install\n',
    'FROM python:3.12\nRUN pip download flask\n',
    // A cache or tmpfs mount on …/.cache/pip keeps the cache out of the layer.
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0\n',
    'FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask==3.0\n',
    'FROM python:3.12\nRUN python -m pipx install black\n',
    'FROM python:3.12\nONBUILD ENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install flask==3.0\n',
  ],
  invalid: [
    // The ONBUILD pass does not see the stage's ENV.
    { code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install flask==3.0\n', errors: [{ line: 3, column: 13 }] },
    { code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv pip install flask==3.0\n', errors: [{ line: 2, column: 47 }] },
    { code: 'FROM python:3.12\nRUN pip install requests==2.32.0\n', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }], output: 'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.0\n' },
    { code: 'FROM python:3.12\nRUN pip3 install -r requirements.txt\n', errors: [{ line: 2, column: 5, endColumn: 17 }], output: 'FROM python:3.12\nRUN pip3 install --no-cache-dir -r requirements.txt\n' },
    { code: 'FROM python:3.12\nRUN python3 -m pip install flask==3.0\n', errors: [{ line: 2, column: 5, endColumn: 27 }], output: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir flask==3.0\n' },
    { code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0\n', errors: [{ line: 3, column: 5 }], output: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install --no-cache-dir flask==3.0\n' },
    { code: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nONBUILD RUN pip install flask==3.0\n', errors: [{ line: 4, column: 13 }], output: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nONBUILD RUN pip install --no-cache-dir flask==3.0\n' },
  ],
});
