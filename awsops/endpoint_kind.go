package awsops

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// Endpoints say who they are in their answers: MinIO in its Server header and
// x-minio-* headers, Ceph RGW and SeaweedFS in Server, AWS by its host name.
// The console names the endpoint in its status bar so that a reader knows
// which server's behaviour they see; s3sec never refuses to work because of it.

// endpointServer remembers the first answer's identification.
type endpointServer struct {
	mu   sync.Mutex
	name string // "" until an answer identified the server
}

// recordServerMiddleware notes the server that answered each S3 call.
func (s *Session) recordServerMiddleware(stack *middleware.Stack) error {
	return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("s3secRecordServer",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil {
				s.server.note(serverName(resp.Header))
			}
			return out, md, err
		}), middleware.After)
}

func (e *endpointServer) note(name string) {
	if name == "" {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.name == "" {
		e.name = name
	}
}

// serverName recognises the server from an answer's headers; "" when the
// answer does not say.
func serverName(h http.Header) string {
	server := h.Get("Server")
	low := strings.ToLower(server)
	for name := range h {
		if strings.HasPrefix(strings.ToLower(name), "x-minio-") {
			return "MinIO"
		}
	}
	switch {
	case server == "":
		return ""
	case strings.Contains(low, "minio"):
		return "MinIO"
	case strings.Contains(low, "ceph"), strings.Contains(low, "rgw"):
		return "Ceph RGW"
	case strings.Contains(low, "seaweed"):
		return "SeaweedFS"
	case strings.Contains(low, "versity"):
		return "versitygw"
	}
	// Server values are the endpoint's text: keep them short and printable.
	return termsafe.String(truncate(server, 24))
}

// truncate keeps the first n characters of s.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// EndpointName names the endpoint for the status bar: "Amazon S3" for AWS
// (by its host name), the server an answer named otherwise ("MinIO",
// "Ceph RGW", ...), or "" while no answer said. A custom endpoint that
// answers as AmazonS3 (the embedded sandbox, LocalStack) is left unnamed:
// the host says more than a borrowed name.
func (s *Session) EndpointName() string {
	if s.endpoint == "" || awsHost(s.endpoint) {
		return "Amazon S3"
	}
	s.server.mu.Lock()
	defer s.server.mu.Unlock()
	if s.server.name == "AmazonS3" {
		return ""
	}
	return s.server.name
}

// awsHost reports whether an endpoint URL is an AWS S3 host name.
func awsHost(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return strings.HasSuffix(h, ".amazonaws.com") || strings.HasSuffix(h, ".amazonaws.com.cn")
}
