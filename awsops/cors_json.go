package awsops

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// The JSON shape of `aws s3api put-bucket-cors --cors-configuration`, so a
// user can paste what they already have and the editor can hand back a file
// the CLI accepts.

// corsJSONRule is one rule in the CLI's JSON; the field order is the order
// FormatCORSJSON prints.
type corsJSONRule struct {
	ID             string   `json:"ID,omitempty"`
	AllowedOrigins []string `json:"AllowedOrigins"`
	AllowedMethods []string `json:"AllowedMethods"`
	AllowedHeaders []string `json:"AllowedHeaders,omitempty"`
	ExposeHeaders  []string `json:"ExposeHeaders,omitempty"`
	MaxAgeSeconds  *int32   `json:"MaxAgeSeconds,omitempty"`
}

type corsJSONDoc struct {
	CORSRules []corsJSONRule `json:"CORSRules"`
}

var (
	corsJSONTop   = []string{"CORSRules"}
	corsJSONRules = []string{"ID", "AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders", "MaxAgeSeconds"}
)

// ParseCORSJSON reads a --cors-configuration document. Errors say where
// (line and column) and which rule and field; names are case-sensitive as
// for the CLI, so "allowedOrigins" is an unknown field, not a silent
// match. It checks the shape only: pass the rules to ValidateCORS for the
// values.
func ParseCORSJSON(data []byte) ([]CORSRule, error) {
	var top map[string]json.RawMessage
	if err := decodeOne(data, &top); err != nil {
		return nil, err
	}
	if top == nil {
		return nil, errors.New(`the CORS configuration must be an object {"CORSRules": [...]}`)
	}
	if err := unknownFields(top, corsJSONTop, "the configuration"); err != nil {
		return nil, err
	}
	raw, ok := top["CORSRules"]
	if !ok {
		return nil, errors.New(`the CORS configuration has no "CORSRules" list`)
	}
	var rules []json.RawMessage
	if err := json.Unmarshal(raw, &rules); err != nil {
		return nil, positioned(data, err, `"CORSRules" must be a list of rules`)
	}
	for i, r := range rules {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(r, &fields); err != nil || fields == nil {
			return nil, fmt.Errorf("rule %d must be an object", i+1)
		}
		if err := unknownFields(fields, corsJSONRules, fmt.Sprintf("rule %d", i+1)); err != nil {
			return nil, err
		}
	}
	var doc corsJSONDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, positioned(data, err, "")
	}
	out := make([]CORSRule, len(doc.CORSRules))
	for i, r := range doc.CORSRules {
		out[i] = CORSRule(r)
	}
	return out, nil
}

// FormatCORSJSON prints rules as the CLI's --cors-configuration JSON,
// indented, with a trailing newline.
func FormatCORSJSON(rules []CORSRule) []byte {
	doc := corsJSONDoc{CORSRules: make([]corsJSONRule, len(rules))}
	for i, r := range rules {
		doc.CORSRules[i] = corsJSONRule(r)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc) // plain strings, ints and slices cannot fail
	return b.Bytes()
}

// decodeOne decodes exactly one JSON value; trailing text is an error.
func decodeOne(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the CORS configuration is empty")
		}
		return positioned(data, err, "")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := lineCol(data, dec.InputOffset())
		return fmt.Errorf("line %d, column %d: unexpected text after the CORS configuration", line, col)
	}
	return nil
}

// unknownFields names the first field (in sorted order) that is not known.
func unknownFields(m map[string]json.RawMessage, known []string, where string) error {
	var names []string
	for k := range m {
		if !slices.Contains(known, k) {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	msg := fmt.Sprintf("%s has an unknown field %q", where, names[0])
	for _, k := range known {
		if strings.EqualFold(k, names[0]) || strings.EqualFold(k, names[0]+"s") {
			return fmt.Errorf("%s (did you mean %q?)", msg, k)
		}
	}
	return fmt.Errorf("%s (known: %s)", msg, strings.Join(known, ", "))
}

// positioned turns a decoding error into one that says line and column.
func positioned(data []byte, err error, what string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset-1) // Offset counts the bad byte
		return fmt.Errorf("line %d, column %d: malformed JSON: %s", line, col, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		line, col := lineCol(data, valueStart(data, typ.Offset))
		field := strings.TrimPrefix(typ.Field, "CORSRules.")
		if field == "" {
			field = "value"
		}
		if what == "" {
			what = fmt.Sprintf("%s must be %s, not %s", field, jsonKind(typ.Type.String()), typ.Value)
		}
		return fmt.Errorf("line %d, column %d: %s", line, col, what)
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("line %d, column %d: malformed JSON: the document ends too early", line, col)
	}
	return fmt.Errorf("malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind words a Go type the way a JSON author thinks of it.
func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case goType == "string":
		return "a string"
	case strings.Contains(goType, "int"):
		return "a whole number in range"
	}
	return "an object"
}

// lineCol converts a byte offset into 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// valueStart finds where the JSON value that a type error reports begins:
// the decoder's offset is just past an opening bracket, or just past a
// string or number.
func valueStart(data []byte, off int64) int64 {
	if off <= 0 || off > int64(len(data)) {
		return off
	}
	i := off - 1
	switch c := data[i]; {
	case c == '[' || c == '{':
		return i
	case c == '"':
		for i--; i > 0; i-- {
			if data[i] == '"' && data[i-1] != '\\' {
				return i
			}
		}
		return 0
	}
	for i > 0 && strings.IndexByte("0123456789+-.eEtrufalsn", data[i-1]) >= 0 {
		i--
	}
	return i
}
