package accesslog

import (
	"errors"
	"strings"
)

// SplitFields splits one log line into its fields: space-separated, with
// "quoted" fields (backslash escapes kept) and the [bracketed] time as one
// field each, delimiters removed. Parsers must accept fields AWS may append,
// so the count is not checked here.
func SplitFields(line string) ([]string, error) {
	var fields []string
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ':
			i++
		case '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				return nil, errors.New("accesslog: unterminated quoted field")
			}
			fields = append(fields, line[i+1:j])
			i = j + 1
		case '[':
			j := strings.IndexByte(line[i:], ']')
			if j < 0 {
				return nil, errors.New("accesslog: unterminated time field")
			}
			fields = append(fields, line[i+1:i+j])
			i += j + 1
		default:
			j := strings.IndexByte(line[i:], ' ')
			if j < 0 {
				j = len(line) - i
			}
			fields = append(fields, line[i:i+j])
			i += j
		}
	}
	return fields, nil
}
