package sandbox

import (
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// storedHeaders are the representation headers S3 keeps with an object and
// returns on GET/HEAD (Content-Type is kept separately).
var storedHeaders = []string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}

// responseOverrides maps GetObject's response-* query parameters to the header they replace.
var responseOverrides = map[string]string{
	"response-content-type":        "Content-Type",
	"response-content-language":    "Content-Language",
	"response-expires":             "Expires",
	"response-cache-control":       "Cache-Control",
	"response-content-disposition": "Content-Disposition",
	"response-content-encoding":    "Content-Encoding",
}

// maxUserMetadata is S3's limit on the summed size of user metadata names and values.
const maxUserMetadata = 2048

// defaultContentType is what S3 stores when a PutObject names no Content-Type.
const defaultContentType = "binary/octet-stream"

// userMetadata collects x-amz-meta-* headers: names lower-cased (S3 does),
// values read as ISO-8859-1 (latin1Text), sorted by name for stable output.
// The size limit counts the bytes the client sent.
func userMetadata(h http.Header) ([][2]string, *s3Error) {
	var meta [][2]string
	size := 0
	for name, values := range h {
		ln := strings.ToLower(name)
		if !strings.HasPrefix(ln, "x-amz-meta-") {
			continue
		}
		v := strings.Join(values, ",")
		meta = append(meta, [2]string{ln, latin1Text(v)})
		size += len(ln) - len("x-amz-meta-") + len(v)
	}
	if size > maxUserMetadata {
		return nil, newError(http.StatusBadRequest, "MetadataTooLarge",
			"Your metadata headers exceed the maximum allowed metadata size").
			with("Size", strconv.Itoa(size)).with("MaxSizeAllowed", strconv.Itoa(maxUserMetadata))
	}
	sort.Slice(meta, func(i, j int) bool { return meta[i][0] < meta[j][0] })
	return meta, nil
}

// representationHeaders collects the stored headers of a PutObject; the
// aws-chunked transfer coding is not part of the object and is dropped.
func representationHeaders(h http.Header) [][2]string {
	var out [][2]string
	for _, name := range storedHeaders {
		v := h.Get(name)
		if name == "Content-Encoding" {
			v = stripAWSChunked(v)
		}
		if v != "" {
			out = append(out, [2]string{name, v})
		}
	}
	return out
}

// stripAWSChunked removes the aws-chunked token from a Content-Encoding list.
func stripAWSChunked(v string) string {
	var keep []string
	for _, part := range strings.Split(v, ",") {
		if p := strings.TrimSpace(part); p != "" && !strings.EqualFold(p, "aws-chunked") {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, ",")
}

// metadataValue renders a stored metadata value for a response header:
// ASCII verbatim, anything else RFC 2047-encoded as S3 does (9.5).
func metadataValue(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 || v[i] < 0x20 && v[i] != '\t' {
			if utf8.ValidString(v) {
				return mime.BEncoding.Encode("UTF-8", v)
			}
			return v
		}
	}
	return v
}

// setObjectHeaders writes the headers every GET/HEAD of a data version carries.
func setObjectHeaders(w http.ResponseWriter, v *objectVersion, versioned bool, q map[string][]string) {
	h := w.Header()
	h.Set("Last-Modified", httpTime(v.LastModified))
	h.Set("ETag", v.ETag)
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", v.ContentType)
	for _, kv := range v.Headers {
		h.Set(kv[0], kv[1])
	}
	for _, kv := range v.Meta {
		h[kv[0]] = []string{metadataValue(kv[1])}
	}
	setSSEHeaders(h, v.SSE)
	if versioned {
		h.Set("x-amz-version-id", v.VersionID)
	}
	for param, header := range responseOverrides {
		if vals, ok := q[param]; ok && len(vals) > 0 {
			h.Set(header, vals[0])
		}
	}
}

// setSSEHeaders writes the encryption headers of 2.3 for a stored version;
// SSE-C versions report no SSE header (the customer-key headers are the
// request's, see setCustomerKeyHeaders).
func setSSEHeaders(h http.Header, sse sseInfo) {
	if sse.Algorithm != "" {
		h.Set("x-amz-server-side-encryption", sse.Algorithm)
	}
	if sse.KMSKeyARN != "" {
		h.Set("x-amz-server-side-encryption-aws-kms-key-id", sse.KMSKeyARN)
	}
	if sse.BucketKey {
		h.Set("x-amz-server-side-encryption-bucket-key-enabled", "true")
	}
}
