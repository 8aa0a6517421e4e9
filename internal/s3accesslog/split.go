package s3accesslog

import (
	"errors"
	"strconv"
	"strings"
)

// token is one field of a log line as written: its text without the
// delimiters, and how it was delimited.
type token struct {
	text      string
	quoted    bool // "..." (escapes already undone)
	bracketed bool // [...]
}

// SplitFields splits one log line into its fields: space-separated, with
// each "quoted" field and the [bracketed] time as one field, delimiters
// removed and the escapes S3 writes inside quotes (\" \\ \xHH) undone.
// The count is not checked: AWS may append fields.
func SplitFields(line string) ([]string, error) {
	toks, err := split(line)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out, nil
}

// split is SplitFields keeping how each field was delimited, so Parse can
// tell a quoted Request-URI from a bare word in its place.
func split(line string) ([]token, error) {
	toks := make([]token, 0, FieldCount)
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ':
			i++
			continue
		case '"':
			text, end, err := unquote(line, i+1)
			if err != nil {
				return nil, fieldError(len(toks)+1, "%s", err.Error())
			}
			toks = append(toks, token{text: text, quoted: true})
			i = end
		case '[':
			j := strings.IndexByte(line[i:], ']')
			if j < 0 {
				return nil, fieldError(len(toks)+1, "the [bracketed] time has no closing ]")
			}
			toks = append(toks, token{text: line[i+1 : i+j], bracketed: true})
			i += j + 1
		default:
			j := strings.IndexByte(line[i:], ' ')
			if j < 0 {
				j = len(line) - i
			}
			toks = append(toks, token{text: line[i : i+j]})
			i += j
			continue
		}
		if i < len(line) && line[i] != ' ' {
			return nil, fieldError(len(toks), "text follows the closing delimiter without a space")
		}
	}
	return toks, nil
}

// unquote reads a quoted field whose text starts at line[start] and returns
// its text and the index after the closing quote.
func unquote(line string, start int) (string, int, error) {
	var b strings.Builder
	for i := start; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\'):
			b.WriteByte(line[i+1])
			i++
		case c == '\\' && i+3 < len(line) && line[i+1] == 'x':
			if v, err := strconv.ParseUint(line[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, errors.New("the quoted field has no closing quote")
}
