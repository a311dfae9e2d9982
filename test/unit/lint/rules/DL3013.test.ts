import { rule } from '../../../../src/lint/rules/DL3013';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    // hadolint compares the command word as written (Shell.hs): a path to the program is another name.
    'FROM python:3.12\nRUN /usr/local/bin/pip install flask\n',
    'FROM python:3.12\nRUN pip install requests==2.31.0\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN pip install .\n',
    'FROM python:3.12\nRUN pip3 install --no-cache-dir "flask>=3,<4" ./dist/app-1.0-py3-none-any.whl\n',
    'FROM python:3.12\nRUN pip install -c constraints.txt requests\n',
    'FROM python:3.12\nRUN pip install git+https://github.com/org/repo@v1.2\n',
    'FROM python:3.12\nRUN pip install --index-url https://pypi.example/simple pkg==1\n',
    'FROM python:3.12\nRUN pip install --root-user-action ignore --python /usr/bin/python3 pkg==1\n',
    'FROM python:3.12\nRUN pipenv install requests\n',
    'FROM python:3.12\nRUN python -m pip download requests\n',
  ],
  invalid: [
    // Every command named pip… but pipenv is pip to hadolint, pipx included.
    { code: 'FROM python:3.12\nRUN pipx install black\n', errors: [{ line: 2, column: 18, endColumn: 23 }] },
    // A word starting like a VCS scheme is not a path source: `/` alone does not pin it.
    { code: 'FROM python:3.12\nRUN pip install git-lib/sub\n', errors: [{ line: 2, column: 17, endColumn: 28 }] },
    { code: 'FROM python:3.12\nRUN pip install requests\n', errors: [{ line: 2, column: 17, endLine: 2, endColumn: 25 }] },
    { code: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip setuptools==69.0\n', errors: [{ line: 2, column: 38, endColumn: 41 }] },
    { code: 'FROM python:3.12\nRUN pip install --user flask django==5.0\n', errors: [{ line: 2, column: 24, endColumn: 29 }] },
    { code: 'FROM python:3.12\nRUN pip3.12 install \\\n    git+https://github.com/org/repo\n', errors: [{ line: 3, column: 5, endColumn: 36 }] },
    { code: 'FROM python:3.12\nONBUILD RUN pip install numpy\n', errors: [{ line: 2, column: 25, endColumn: 30 }] },
  ],
});
