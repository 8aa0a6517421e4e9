package bucketconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jsonKind is the type of a JSON value.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// jsonValue is a JSON value that remembers member order, which
// encoding/json's maps forget; policy normalisation needs it for the members
// it does not reorder (Principal, Condition).
type jsonValue struct {
	kind    jsonKind
	str     string // string value, or the literal of a number
	boolean bool
	items   []*jsonValue
	members []jsonMember
}

// jsonMember is one name/value pair of an object.
type jsonMember struct {
	key   string
	value *jsonValue
}

// maxJSONDepth bounds nesting; a policy is at most five levels deep.
const maxJSONDepth = 32

// errJSONDepth reports a document nested deeper than any policy can be.
var errJSONDepth = errors.New("json nested too deeply")

// parseJSON reads exactly one JSON value. A repeated member name keeps its
// first position and its last value, as lenient JSON parsers do.
func parseJSON(body []byte) (*jsonValue, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := readJSONValue(dec, 0)
	if err != nil {
		return nil, false
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, false // trailing data after the document
	}
	return v, true
}

// readJSONValue reads the value that starts at the decoder's next token.
func readJSONValue(dec *json.Decoder, depth int) (*jsonValue, error) {
	if depth > maxJSONDepth {
		return nil, errJSONDepth
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &jsonValue{kind: jsonNull}, nil
	case bool:
		return &jsonValue{kind: jsonBool, boolean: t}, nil
	case json.Number:
		return &jsonValue{kind: jsonNumber, str: t.String()}, nil
	case string:
		return &jsonValue{kind: jsonString, str: t}, nil
	case json.Delim:
		if t == '[' {
			return readJSONArray(dec, depth)
		}
		if t == '{' {
			return readJSONObject(dec, depth)
		}
	}
	return nil, errors.New("unexpected json token")
}

// readJSONArray reads the items after '[' and the closing ']'.
func readJSONArray(dec *json.Decoder, depth int) (*jsonValue, error) {
	v := &jsonValue{kind: jsonArray, items: []*jsonValue{}}
	for dec.More() {
		item, err := readJSONValue(dec, depth+1)
		if err != nil {
			return nil, err
		}
		v.items = append(v.items, item)
	}
	_, err := dec.Token() // ']'
	return v, err
}

// readJSONObject reads the members after '{' and the closing '}'.
func readJSONObject(dec *json.Decoder, depth int) (*jsonValue, error) {
	v := &jsonValue{kind: jsonObject, members: []jsonMember{}}
	index := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		val, err := readJSONValue(dec, depth+1)
		if err != nil {
			return nil, err
		}
		if i, seen := index[key]; seen {
			v.members[i].value = val
			continue
		}
		index[key] = len(v.members)
		v.members = append(v.members, jsonMember{key, val})
	}
	_, err := dec.Token() // '}'
	return v, err
}

// get returns the value of member key, or nil.
func (v *jsonValue) get(key string) *jsonValue {
	for _, m := range v.members {
		if m.key == key {
			return m.value
		}
	}
	return nil
}

// stringList returns the strings of a string or a non-empty array of strings.
func (v *jsonValue) stringList() ([]string, bool) {
	switch v.kind {
	case jsonString:
		return []string{v.str}, true
	case jsonArray:
		if len(v.items) == 0 {
			return nil, false
		}
		out := make([]string, 0, len(v.items))
		for _, it := range v.items {
			if it.kind != jsonString {
				return nil, false
			}
			out = append(out, it.str)
		}
		return out, true
	}
	return nil, false
}

// writeJSON writes v compactly. HTML characters are not escaped: S3 returns
// policies as plain JSON, not as something to embed in HTML.
func writeJSON(b *bytes.Buffer, v *jsonValue) {
	switch v.kind {
	case jsonNull:
		b.WriteString("null")
	case jsonBool:
		if v.boolean {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case jsonNumber:
		b.WriteString(v.str)
	case jsonString:
		writeJSONString(b, v.str)
	case jsonArray:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, it)
		}
		b.WriteByte(']')
	case jsonObject:
		b.WriteByte('{')
		for i, m := range v.members {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, m.key)
			b.WriteByte(':')
			writeJSON(b, m.value)
		}
		b.WriteByte('}')
	}
}

// writeJSONString writes s as a JSON string literal.
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // encoding a string into a bytes.Buffer cannot fail
	b.Truncate(b.Len() - 1) // Encode appends a newline
}
