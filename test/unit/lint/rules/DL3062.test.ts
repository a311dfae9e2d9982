import { rule } from '../../../../src/lint/rules/DL3062';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM golang:1.22\nRUN go install github.com/x/tool@v1.2.3\n',
    'FROM golang:1.22\nRUN go install ./cmd/app\n',
    'FROM golang:1.22\nRUN go build -o /app ./...\n',
    'FROM golang:1.22\nRUN go run github.com/x/gen@v0.1.0 --out gen.go\n',
    'FROM golang:1.22\nRUN go run main.go\n',
    'FROM golang:1.22\nRUN go install -ldflags "-s -w" -tags netgo golang.org/x/tools/gopls@v0.16.0\n',
  ],
  invalid: [
    { code: 'FROM golang:1.22\nRUN go install github.com/x/tool\n', errors: [{ line: 2, column: 16, endLine: 2, endColumn: 33, message: 'go install github.com/x/tool@<version>' }] },
    { code: 'FROM golang:1.22\nRUN go get golang.org/x/net\n', errors: [{ line: 2, column: 12, endColumn: 28, message: 'go get' }] },
    { code: 'FROM golang:1.22\nRUN go run github.com/x/gen --out x\n', errors: [{ line: 2, column: 12, endColumn: 28 }] },
    { code: 'FROM golang:1.22\nRUN go install a.io/b@v1 c.io/d\n', errors: [{ line: 2, column: 26, endColumn: 32 }] },
    { code: 'FROM golang:1.22\nRUN go install -tags netgo \\\n    example.com/cmd\n', errors: [{ line: 3, column: 5, endColumn: 20 }] },
  ],
});
