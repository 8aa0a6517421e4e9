package sandbox

import (
	"net/url"
	"strconv"
	"strings"
)

// defaultMaxKeys is both the default and the ceiling of max-keys.
const defaultMaxKeys = 1000

// listItem is one listing entry: a key, or a common prefix rolled up at the delimiter.
type listItem struct {
	Key      string
	IsPrefix bool
}

// walkKeys applies prefix, delimiter, an exclusive start marker and max to
// sorted keys. Each key and each distinct common prefix counts once toward max.
// truncated reports that another entry would have followed.
func walkKeys(keys []string, prefix, delimiter, after string, max int) (items []listItem, truncated bool) {
	lastPrefix := ""
	for _, k := range keys {
		if !strings.HasPrefix(k, prefix) || after != "" && k <= after {
			continue
		}
		item := listItem{Key: k}
		if delimiter != "" {
			if i := strings.Index(k[len(prefix):], delimiter); i >= 0 {
				cp := k[:len(prefix)+i+len(delimiter)]
				if cp == lastPrefix || cp == after {
					continue
				}
				item = listItem{Key: cp, IsPrefix: true}
			}
		}
		if len(items) == max {
			return items, true
		}
		items = append(items, item)
		if item.IsPrefix {
			lastPrefix = item.Key
		}
	}
	return items, false
}

// parseMaxKeys reads max-keys: default 1000, values above 1000 capped, junk refused.
func parseMaxKeys(q url.Values) (int, *s3Error) {
	if !q.Has("max-keys") {
		return defaultMaxKeys, nil
	}
	v := q.Get("max-keys")
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errInvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v)
	}
	return min(n, defaultMaxKeys), nil
}

// listEncoder applies encoding-type: only "url" is valid; it form-encodes
// keys and prefixes in the response so that any byte survives XML.
type listEncoder struct{ url bool }

// newListEncoder validates encoding-type.
func newListEncoder(q url.Values) (listEncoder, *s3Error) {
	switch v := q.Get("encoding-type"); v {
	case "":
		return listEncoder{}, nil
	case "url":
		return listEncoder{url: true}, nil
	default:
		return listEncoder{}, errInvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", v)
	}
}

// enc encodes one key or prefix for the response.
func (e listEncoder) enc(s string) string {
	if e.url {
		return url.QueryEscape(s)
	}
	return s
}

// encPtr encodes an optional element (nil stays absent).
func (e listEncoder) encPtr(s *string) *string {
	if s == nil {
		return nil
	}
	v := e.enc(*s)
	return &v
}

// typeName is the EncodingType element value, or nil.
func (e listEncoder) typeName() *string {
	if !e.url {
		return nil
	}
	v := "url"
	return &v
}

// optional returns a pointer to the query value when the parameter is present.
func optional(q url.Values, name string) *string {
	if !q.Has(name) {
		return nil
	}
	v := q.Get(name)
	return &v
}
