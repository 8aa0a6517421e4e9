package awsops

import (
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Listings ask S3 for encoding-type=url: XML 1.0 cannot carry every
// character a key may hold (the control characters, for one), so without it
// a key such as "a\x1bb" arrives altered and two keys can read as one. The
// SDK does not decode the answer (botocore does, the Go SDK does not), so
// keyDecoder does, but only when the answer says EncodingType=url: a server
// that ignores the parameter sends raw keys, which must stay as they are.
//
// The decoding is url.QueryUnescape: S3 encodes every byte outside A-Z a-z
// 0-9 - _ . ~ / as %XX, so a literal "+" in a key always arrives as "%2B";
// a "+" on the wire can therefore only be a space (reported by some as S3's
// spelling of it, while others see "%20"); both decode to the same key. This
// is what botocore (unquote_plus) and minio-go (url.QueryUnescape) rely on.
type keyDecoder struct {
	on  bool
	err error // the first value that was not valid URL encoding
}

// newKeyDecoder decodes when the response's EncodingType is url.
func newKeyDecoder(enc types.EncodingType) *keyDecoder {
	return &keyDecoder{on: enc == types.EncodingTypeUrl}
}

// key decodes one key-bearing element (nil is "").
func (d *keyDecoder) key(s *string) string {
	v := aws.ToString(s)
	if !d.on || v == "" {
		return v
	}
	out, err := url.QueryUnescape(v)
	if err != nil {
		if d.err == nil {
			d.err = fmt.Errorf("the listing sent a key that is not valid URL encoding (%q): %w", v, err)
		}
		return v
	}
	return out
}
