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
	if max == 0 {
		return nil, false // max-keys=0 is an empty, untruncated page (ceph/s3-tests test_bucket_list_maxkeys_zero)
	}
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

// optional returns a pointer to the query value when the parameter is present.
func optional(q url.Values, name string) *string {
	if !q.Has(name) {
		return nil
	}
	v := q.Get(name)
	return &v
}

// nonEmpty is optional for parameters S3 does not echo when empty: an
// empty delimiter= groups nothing and comes back without a Delimiter
// element (ceph/s3-tests test_bucket_list_delimiter_empty, which AWS passes).
func nonEmpty(q url.Values, name string) *string {
	if q.Get(name) == "" {
		return nil
	}
	return optional(q, name)
}
