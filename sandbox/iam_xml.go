package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// writeIAMResponse sends <ActionResponse> with the action's result (omitted
// when empty) and the request id, in the IAM namespace (8).
func writeIAMResponse(w http.ResponseWriter, action, result, reqID string) {
	var b strings.Builder
	b.WriteString("<" + action + `Response xmlns="` + queryNamespaces["iam"] + `">`)
	if result != "" {
		b.WriteString("<" + action + "Result>" + result + "</" + action + "Result>")
	}
	b.WriteString("<ResponseMetadata>")
	writeElement(&b, "RequestId", reqID)
	b.WriteString("</ResponseMetadata></" + action + "Response>")
	writeQueryXML(w, http.StatusOK, b.String())
}

// iamTime formats IAM timestamps (ISO 8601, UTC, whole seconds).
func iamTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// writeIAMUser appends the <User> of an assigned device. Root has neither a
// path nor a user name: AWS shows its ARN and the account id (UNVERIFIED).
func (s *Server) writeIAMUser(b *strings.Builder, p *principal) {
	b.WriteString("<User>")
	if !p.isRoot {
		writeElement(b, "Path", "/")
		writeElement(b, "UserName", p.userName)
	}
	writeElement(b, "UserId", p.userID)
	writeElement(b, "Arn", p.creds.ARN)
	writeElement(b, "CreateDate", iamTime(iamUserCreateDate))
	b.WriteString("</User>")
}
