package sigv4

import (
	"github.com/s3sec/s3sec/sandbox/internal/uriencode"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// canonicalRequest assembles the six lines SigV4 hashes.
func canonicalRequest(method, uri, query, headers, signedHeaders, payloadHash string) string {
	return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + signedHeaders + "\n" + payloadHash
}

// canonicalURIs returns the canonical URI candidates of a request, most
// likely first.
//
// S3 signs the path exactly as sent, encoded once and never normalised
// ("a//b/../c" stays as is), which is what aws-sdk-go-v2 and botocore sign.
// A second candidate re-encodes each decoded segment strictly per RFC 3986,
// for clients that send a laxer encoding (e.g. a literal '!') than they sign.
// Both decode to the same key, so accepting either weakens nothing.
//
// Other services encode the already-encoded path a second time, as the SDKs
// do (their paths are "/" in practice).
func canonicalURIs(r *http.Request, s3 bool) []string {
	raw := r.URL.EscapedPath()
	if raw == "" {
		raw = "/"
	}
	if !s3 {
		return []string{uriencode.Encode(raw, false)}
	}
	strict := strictPath(raw)
	if strict == raw {
		return []string{raw}
	}
	return []string{raw, strict}
}

// strictPath decodes each '/'-separated segment and encodes it again with
// only the unreserved characters left bare; %2F inside a segment survives.
func strictPath(raw string) string {
	segs := strings.Split(raw, "/")
	for i, s := range segs {
		if dec, err := url.PathUnescape(s); err == nil {
			segs[i] = uriencode.Encode(dec, true)
		}
	}
	return strings.Join(segs, "/")
}

// canonicalQuery decodes the raw query ('+' means space, as in every SDK's
// encoder), re-encodes names and values per RFC 3986, and sorts the encoded
// pairs by name then value. A parameter without '=' (the sub-resources such as
// "?versioning") becomes "versioning=". X-Amz-Signature is left out of
// presigned requests because it cannot sign itself.
func canonicalQuery(rawQuery string, presigned bool) string {
	type pair struct{ k, v string }
	var pairs []pair
	for _, part := range strings.Split(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, v = queryDecode(k), queryDecode(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, pair{uriencode.Encode(k, true), uriencode.Encode(v, true)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

// queryDecode undoes query escaping; text that is not valid escaping is
// taken literally (and so gets its '%' encoded), rather than failing.
func queryDecode(s string) string {
	if dec, err := url.QueryUnescape(s); err == nil {
		return dec
	}
	return s
}

// canonicalHeaders renders "name:value\n" for each signed header in the order
// the client listed them.
func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(r, name))
		b.WriteByte('\n')
	}
	return b.String()
}

// headerValue returns the canonical value of one signed header: all values
// joined by ',', each trimmed with inner runs of spaces collapsed. Go's server
// moves some headers out of r.Header, so those come from the request fields.
func headerValue(r *http.Request, name string) string {
	var values []string
	switch name {
	case "host":
		host := r.Host
		if host == "" {
			host = r.URL.Host
		}
		values = []string{host}
	case "transfer-encoding":
		values = r.TransferEncoding
	default:
		values = r.Header[textproto.CanonicalMIMEHeaderKey(name)]
		if values == nil {
			values = headerValuesFold(r.Header, name)
		}
		if values == nil && name == "content-length" && r.ContentLength >= 0 {
			values = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = collapseSpaces(strings.TrimSpace(v))
	}
	return strings.Join(out, ",")
}

// headerValuesFold finds a header whose key was not canonicalised by the
// server (keys with characters outside the token set stay as sent).
func headerValuesFold(h http.Header, name string) []string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// collapseSpaces turns every run of spaces into a single space.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	prevSpace := false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if prevSpace {
				continue
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
