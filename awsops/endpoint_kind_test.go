package awsops

import (
	"net/http"
	"testing"
)

func TestServerName(t *testing.T) {
	for _, tc := range []struct {
		h    http.Header
		want string
	}{
		{http.Header{"Server": {"MinIO"}}, "MinIO"},
		{http.Header{"X-Minio-Deployment-Id": {"x"}}, "MinIO"},
		{http.Header{"Server": {"Ceph Object Gateway (squid)"}}, "Ceph RGW"},
		{http.Header{"Server": {"SeaweedFS S3"}}, "SeaweedFS"},
		{http.Header{"Server": {"AmazonS3"}}, "AmazonS3"},
		{http.Header{"Server": {"evil\x1b[31mserver-with-a-very-long-name-indeed"}}, `evil\x1b[31mserver-with-a-v…`},
		{http.Header{}, ""},
	} {
		if got := serverName(tc.h); got != tc.want {
			t.Errorf("serverName(%q) = %q, want %q", tc.h.Get("Server"), got, tc.want)
		}
	}
}

func TestEndpointNameByHost(t *testing.T) {
	for _, tc := range []struct {
		endpoint, server, want string
	}{
		{"", "", "Amazon S3"},
		{"https://s3.eu-west-1.amazonaws.com", "", "Amazon S3"},
		{"https://127.0.0.1:9000", "MinIO", "MinIO"},
		{"https://127.0.0.1:9000", "AmazonS3", ""}, // the sandbox, LocalStack: the host says more
		{"https://127.0.0.1:9000", "", ""},
	} {
		s := &Session{endpoint: tc.endpoint}
		s.server.note(tc.server)
		if got := s.EndpointName(); got != tc.want {
			t.Errorf("%q answering %q: %q, want %q", tc.endpoint, tc.server, got, tc.want)
		}
	}
}

// The answers that mean "not implemented here" become NotImplemented and
// are remembered; a refusal is remembered as support; no answer teaches nothing.
func TestFacetAnswerLearnsCapabilities(t *testing.T) {
	s := &Session{}
	for _, code := range []string{"MethodNotAllowed", "XNotImplemented", CodeNotImplemented} {
		fe := s.facetAnswer(FacetCORS, &FacetError{Code: code, Message: "m"})
		if !fe.Unsupported() {
			t.Errorf("%s: %v, want unsupported", code, fe)
		}
	}
	if ok, known := s.Capabilities()[FacetCORS]; !known || ok {
		t.Errorf("cors capability %v known %v", ok, known)
	}
	if s.knownUnsupported(FacetCORS) == nil {
		t.Error("the unsupported facet is not remembered")
	}
	s.facetAnswer(FacetLogging, &FacetError{Code: CodeRequestError})
	if _, known := s.Capabilities()[FacetLogging]; known {
		t.Error("a failure without an answer taught a capability")
	}
	if fe := s.facetAnswer(FacetLogging, &FacetError{Code: "AccessDenied"}); fe.Unsupported() {
		t.Errorf("AccessDenied became %v", fe)
	}
	if ok := s.Capabilities()[FacetLogging]; !ok {
		t.Error("a refusal is an answer: logging is implemented")
	}
}
