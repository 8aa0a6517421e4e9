package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// serveKMS answers AWS JSON 1.1 requests for KMS (X-Amz-Target: TrentService.*).
// The key service is a later task: every operation is refused with the KMS
// error shape, after the signature has been checked like any other request.
func (s *Server) serveKMS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", uuid4())
	if _, err := s.verify(r); err != nil {
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
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "TrentService.")
	writeKMSError(w, http.StatusBadRequest, "UnsupportedOperationException",
		"The s3sec sandbox does not implement KMS "+op+" yet.")
}

// writeKMSError sends a KMS JSON error document.
func writeKMSError(w http.ResponseWriter, status int, typ, message string) {
	body, _ := json.Marshal(map[string]string{"__type": typ, "message": message})
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
