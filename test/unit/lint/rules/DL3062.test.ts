import { rule } from '../../../../src/lint/rules/DL3062';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM golang:1.22\nRUN go install github.com/x/tool@v1.2.3\n',
    'FROM golang:1.22\nRUN go install ./cmd/app\n',
    'FROM golang:1.22\nRUN go build -o /app ./...\n',
    'FROM golang:1.22\nRUN go run github.com/x/gen@v0.1.0 --out gen.go\n',
    'FROM golang:1.22\nRUN go run ./cmd/gen\n',
    'FROM golang:1.22\nRUN go install -ldflags "-s -w" golang.org/x/tools/gopls@v0.16.0\n',
    // With a `go run` in the RUN, only its package is checked (hadolint).
    'FROM golang:1.22\nRUN go run ./gen && go install example.com/tool\n',
  ],
  invalid: [
    { code: 'FROM golang:1.22\nRUN go install github.com/x/tool\n', errors: [{ line: 2, column: 16, endLine: 2, endColumn: 33, message: 'go install github.com/x/tool@<version>' }] },
    { code: 'FROM golang:1.22\nRUN go get golang.org/x/net\n', errors: [{ line: 2, column: 12, endColumn: 28, message: 'go get' }] },
    { code: 'FROM golang:1.22\nRUN go run github.com/x/gen --out x\n', errors: [{ line: 2, column: 12, endColumn: 28 }] },
    { code: 'FROM golang:1.22\nRUN go install a.io/b@v1 c.io/d\n', errors: [{ line: 2, column: 26, endColumn: 32 }] },
    // hadolint does not set flag values aside: `netgo` reads as a package.
    { code: 'FROM golang:1.22\nRUN go install -tags netgo \\\n    example.com/cmd\n', errors: [{ line: 2, column: 22, endColumn: 27 }, { line: 3, column: 5, endColumn: 20 }] },
    // @latest and @none are no versions.
    { code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n', errors: [{ line: 2, column: 16, endColumn: 47, message: 'gopls@<version>' }] },
    { code: 'FROM golang:1.22\nRUN go get example.com/mod@none\n', errors: [{ line: 2, column: 12 }] },
    // A .go file is no path to hadolint.
    { code: 'FROM golang:1.22\nRUN go run main.go\n', errors: [{ line: 2, column: 12, endColumn: 19 }] },
    { code: 'FROM golang:1.22\nONBUILD RUN go install example.com/tool\n', errors: [{ line: 2, column: 24 }] },
  ],
});
