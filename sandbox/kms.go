package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/s3sec/s3sec/sandbox/kms"
)

// serveKMS answers AWS JSON 1.1 requests for KMS (X-Amz-Target: TrentService.*):
// the signature is checked like any other request, then the key service
// answers in the Region of the credential scope.
func (s *Server) serveKMS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", uuid4())
	info, err := s.verify(r)
	if err != nil {
		ae := protocolAuthError(err)
		typ := ae.Code
		if ae.Code == "InvalidClientTokenId" {
			typ = "UnrecognizedClientException" // JSON services name it differently
		} else if ae.Code == "SignatureDoesNotMatch" {
			typ = "InvalidSignatureException"
		}
		writeKMSError(w, http.StatusBadRequest, typ, ae.Message)
		return
	}
	if svc := info.result.Service; svc != "kms" {
		writeKMSError(w, http.StatusBadRequest, "InvalidSignatureException",
			"Credential should be scoped to correct service: 'kms'. ")
		return
	}
	s.kms.Handle(w, r, info.result.Region, info.principal.creds.ARN)
}

// kmsIdentityDenies tells the key service whether the signing principal's
// identity policy (Options.AdminDeniedActions) explicitly denies a kms: action.
func (s *Server) kmsIdentityDenies(principalARN, action string) bool {
	for _, p := range []*principal{s.root, s.admin} {
		if p.creds.ARN != principalARN {
			continue
		}
		for _, pattern := range p.denied {
			if matchAction(pattern, action) {
				return true
			}
		}
	}
	return false
}

// KMS is the sandbox's key service, for tests and tools that need keys
// without going through HTTP (it is the same service the endpoint serves).
func (s *Server) KMS() *kms.Service { return s.kms }

// writeKMSError sends a KMS JSON error document.
func writeKMSError(w http.ResponseWriter, status int, typ, message string) {
	body, _ := json.Marshal(map[string]string{"__type": typ, "message": message})
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
