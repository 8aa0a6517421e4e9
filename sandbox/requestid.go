package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// requestIDs are the two identifiers S3 puts on every response.
type requestIDs struct {
	RequestID string // x-amz-request-id: 16 upper-case hex characters
	HostID    string // x-amz-id-2: base64 "extended request id"
}

// newRequestIDs draws a fresh pair of identifiers.
func newRequestIDs() requestIDs {
	var id [8]byte
	var host [57]byte // 57 bytes encode to 76 base64 characters, the length AWS uses
	_, _ = rand.Read(id[:])
	_, _ = rand.Read(host[:])
	return requestIDs{
		RequestID: strings.ToUpper(hex.EncodeToString(id[:])),
		HostID:    base64.StdEncoding.EncodeToString(host[:]),
	}
}

// uuid4 returns a random RFC 4122 version-4 UUID, the request id shape of the
// JSON and Query protocols (KMS, STS, IAM).
func uuid4() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
