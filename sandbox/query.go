package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// queryNamespaces are the XML namespaces of the Query-protocol services.
var queryNamespaces = map[string]string{
	"sts": "https://sts.amazonaws.com/doc/2011-06-15/",
	"iam": "https://iam.amazonaws.com/doc/2010-05-08/",
}

// queryVersions are the API versions the Query services answer to.
var queryVersions = map[string]string{"sts": "2011-06-15", "iam": "2010-05-08"}

// serveQuery answers AWS Query requests (form POST with Action=) for STS and
// IAM: sts:GetCallerIdentity and the IAM MFA device actions (iam_ops.go).
func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request) {
	reqID := uuid4()
	w.Header().Set("x-amzn-RequestId", reqID)
	service := scopeService(r)
	info, verr := s.verify(r)
	if verr != nil {
		writeQueryError(w, service, reqID, protocolAuthError(verr))
		return
	}
	service = info.result.Service
	if err := r.ParseForm(); err != nil {
		writeQueryError(w, service, reqID, protocolError{http.StatusBadRequest, "MalformedQueryString", err.Error()})
		return
	}
	action := r.Form.Get("Action")
	switch {
	case service == "sts" && action == "GetCallerIdentity":
		writeCallerIdentity(w, info.principal, reqID)
	case service == "iam":
		s.serveIAM(w, r, info.principal, action, reqID)
	default:
		version := queryVersions[service]
		if version == "" {
			version = r.Form.Get("Version")
		}
		writeQueryError(w, service, reqID, protocolError{http.StatusBadRequest, "InvalidAction",
			"Could not find operation " + action + " for version " + version})
	}
}

// writeCallerIdentity answers sts:GetCallerIdentity (8.1); it needs no permission.
func writeCallerIdentity(w http.ResponseWriter, p *principal, reqID string) {
	var b strings.Builder
	b.WriteString(`<GetCallerIdentityResponse xmlns="` + queryNamespaces["sts"] + `"><GetCallerIdentityResult>`)
	writeElement(&b, "Arn", p.creds.ARN)
	writeElement(&b, "UserId", p.userID)
	writeElement(&b, "Account", p.account)
	b.WriteString(`</GetCallerIdentityResult><ResponseMetadata>`)
	writeElement(&b, "RequestId", reqID)
	b.WriteString(`</ResponseMetadata></GetCallerIdentityResponse>`)
	writeQueryXML(w, http.StatusOK, b.String())
}

// writeQueryError sends the Query-protocol <ErrorResponse> document.
func writeQueryError(w http.ResponseWriter, service, reqID string, e protocolError) {
	ns := queryNamespaces[service]
	if ns == "" {
		ns = queryNamespaces["sts"]
	}
	typ := "Sender"
	if e.Status >= 500 {
		typ = "Receiver"
	}
	var b strings.Builder
	b.WriteString(`<ErrorResponse xmlns="` + ns + `"><Error>`)
	writeElement(&b, "Type", typ)
	writeElement(&b, "Code", e.Code)
	writeElement(&b, "Message", e.Message)
	b.WriteString(`</Error>`)
	writeElement(&b, "RequestId", reqID)
	b.WriteString(`</ErrorResponse>`)
	writeQueryXML(w, e.Status, b.String())
}

// writeQueryXML sends a Query-protocol document (text/xml, as STS and IAM do).
func writeQueryXML(w http.ResponseWriter, status int, doc string) {
	body := xmlHeader + doc
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// scopeService reads the service name from the request's credential scope
// (header or presigned query), so even an unverifiable request gets its
// error in the right service's vocabulary. It defaults to "sts".
func scopeService(r *http.Request) string {
	cred := r.URL.Query().Get("X-Amz-Credential")
	if h := r.Header.Get("Authorization"); h != "" {
		if i := strings.Index(h, "Credential="); i >= 0 {
			cred, _, _ = strings.Cut(h[i+len("Credential="):], ",")
		}
	}
	if parts := strings.Split(cred, "/"); len(parts) == 5 && parts[3] != "" {
		return parts[3]
	}
	return "sts"
}
