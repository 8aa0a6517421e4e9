package sandbox

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// ACLs as S3 models them since 2023-04: buckets are created with Object
// Ownership BucketOwnerEnforced, which disables ACLs. The ACL APIs still
// answer: a Get shows the owner's FULL_CONTROL, a Put that grants nothing
// beyond that succeeds, and any other grant is AccessControlListNotSupported
// (AWS API reference, PutBucketAcl and "Controlling ownership of objects").
// With ownership set to ObjectWriter or BucketOwnerPreferred (or the
// controls deleted) ACLs are enabled again: grants are stored and reported,
// and a public grant is refused while Block Public Access has
// BlockPublicAcls on. The sandbox does not use stored grants to authorise
// requests (only bucket policies are evaluated), which the report's
// "ACLs enabled" finding makes visible instead.

// Grantee groups S3 knows (the URIs of the canned ACLs).
const (
	groupAllUsers      = "http://acs.amazonaws.com/groups/global/AllUsers"
	groupAuthenticated = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	groupLogDelivery   = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

// aclGrant is one grant: a canonical user (ID) or a group (URI) and a permission.
type aclGrant struct {
	ID, URI    string
	Permission string // FULL_CONTROL, READ, WRITE, READ_ACP, WRITE_ACP
}

// public reports whether the grant opens access to everyone or to every AWS account.
func (g aclGrant) public() bool { return g.URI == groupAllUsers || g.URI == groupAuthenticated }

// ownerOnly reports whether grants give nothing beyond the owner's FULL_CONTROL
// (the only ACL a bucket with ACLs disabled accepts).
func ownerOnly(grants []aclGrant, owner string) bool {
	for _, g := range grants {
		if g.ID != owner || g.URI != "" || g.Permission != "FULL_CONTROL" {
			return false
		}
	}
	return true
}

// cannedGrants expands a canned ACL (x-amz-acl) beyond the owner's FULL_CONTROL,
// which every canned ACL includes; ok is false for an unknown name.
func cannedGrants(name string, owner string, forObject bool) (grants []aclGrant, ok bool) {
	base := []aclGrant{{ID: owner, Permission: "FULL_CONTROL"}}
	switch name {
	case "private":
		return base, true
	case "public-read":
		return append(base, aclGrant{URI: groupAllUsers, Permission: "READ"}), true
	case "public-read-write":
		return append(base, aclGrant{URI: groupAllUsers, Permission: "READ"}, aclGrant{URI: groupAllUsers, Permission: "WRITE"}), true
	case "authenticated-read":
		return append(base, aclGrant{URI: groupAuthenticated, Permission: "READ"}), true
	case "log-delivery-write":
		if forObject {
			return nil, false
		}
		return append(base, aclGrant{URI: groupLogDelivery, Permission: "WRITE"}, aclGrant{URI: groupLogDelivery, Permission: "READ_ACP"}), true
	case "bucket-owner-read", "bucket-owner-full-control":
		// The writer and the bucket owner are the same account in the sandbox.
		if !forObject {
			return nil, false
		}
		return base, true
	}
	return nil, false
}

// grantHeaders maps the x-amz-grant-* headers to their permissions.
var grantHeaders = map[string]string{
	"X-Amz-Grant-Full-Control": "FULL_CONTROL",
	"X-Amz-Grant-Read":         "READ",
	"X-Amz-Grant-Write":        "WRITE",
	"X-Amz-Grant-Read-Acp":     "READ_ACP",
	"X-Amz-Grant-Write-Acp":    "WRITE_ACP",
}

// requestedGrants reads the ACL a PutBucketAcl/PutObjectAcl asks for, from
// exactly one of x-amz-acl, the x-amz-grant-* headers or the body.
func requestedGrants(h http.Header, body []byte, owner string, forObject bool) ([]aclGrant, *s3Error) {
	canned := h.Get("X-Amz-Acl")
	var fromHeaders []aclGrant
	for name, perm := range grantHeaders {
		for _, v := range h.Values(name) {
			gs, err := parseGrantHeader(v, perm)
			if err != nil {
				return nil, err
			}
			fromHeaders = append(fromHeaders, gs...)
		}
	}
	hasBody := len(strings.TrimSpace(string(body))) > 0
	sources := 0
	for _, present := range []bool{canned != "", len(fromHeaders) > 0, hasBody} {
		if present {
			sources++
		}
	}
	switch {
	case sources == 0:
		return nil, newError(http.StatusBadRequest, "MissingSecurityHeader", "Your request was missing a required header").with("MissingHeaderName", "x-amz-acl")
	case sources > 1:
		return nil, newError(http.StatusBadRequest, "UnexpectedContent", "This request does not support content")
	case canned != "":
		gs, ok := cannedGrants(canned, owner, forObject)
		if !ok {
			return nil, newError(http.StatusBadRequest, "InvalidArgument", "").with("ArgumentName", "x-amz-acl").with("ArgumentValue", canned)
		}
		return gs, nil
	case len(fromHeaders) > 0:
		return fromHeaders, nil
	}
	return parseACLBody(body)
}

// parseGrantHeader reads `id="…", uri="…"` lists; emailAddress grantees are
// not resolvable in the sandbox (AWS retired them in most Regions in 2025).
func parseGrantHeader(v, perm string) ([]aclGrant, *s3Error) {
	var out []aclGrant
	for _, part := range strings.Split(v, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		val = strings.Trim(strings.TrimSpace(val), `"`)
		if !ok || val == "" {
			return nil, newError(http.StatusBadRequest, "InvalidArgument", "Invalid grantee in the grant header").with("ArgumentValue", v)
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "id":
			out = append(out, aclGrant{ID: val, Permission: perm})
		case "uri":
			if val != groupAllUsers && val != groupAuthenticated && val != groupLogDelivery {
				return nil, newError(http.StatusBadRequest, "InvalidArgument", "Invalid group uri").with("ArgumentValue", val)
			}
			out = append(out, aclGrant{URI: val, Permission: perm})
		default:
			return nil, newError(http.StatusBadRequest, "UnresolvableGrantByEmailAddress", "The e-mail address you provided does not match any account on record.")
		}
	}
	return out, nil
}

// aclPolicyXML is the AccessControlPolicy document of the ACL APIs.
type aclPolicyXML struct {
	XMLName xml.Name `xml:"AccessControlPolicy"`
	Owner   ownerXML `xml:"Owner"`
	Grants  []struct {
		Grantee struct {
			Type string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
			ID   string `xml:"ID"`
			URI  string `xml:"URI"`
		} `xml:"Grantee"`
		Permission string `xml:"Permission"`
	} `xml:"AccessControlList>Grant"`
}

// validPermissions are the permissions a grant may carry.
var validPermissions = map[string]bool{"FULL_CONTROL": true, "READ": true, "WRITE": true, "READ_ACP": true, "WRITE_ACP": true}

func parseACLBody(body []byte) ([]aclGrant, *s3Error) {
	var doc aclPolicyXML
	if err := xml.Unmarshal(body, &doc); err != nil {
		return nil, errMalformedACL()
	}
	var out []aclGrant
	for _, g := range doc.Grants {
		if !validPermissions[g.Permission] || (g.Grantee.ID == "") == (g.Grantee.URI == "") {
			return nil, errMalformedACL()
		}
		out = append(out, aclGrant{ID: g.Grantee.ID, URI: g.Grantee.URI, Permission: g.Permission})
	}
	return out, nil
}

func errMalformedACL() *s3Error {
	return newError(http.StatusBadRequest, "MalformedACLError",
		"The XML you provided was not well-formed or did not validate against our published schema")
}

// aclDocument renders grants as GetBucketAcl/GetObjectAcl answer them.
func aclDocument(owner string, grants []aclGrant) []byte {
	var b strings.Builder
	b.WriteString(`<AccessControlPolicy xmlns="` + s3Namespace + `"><Owner><ID>` + owner + `</ID></Owner><AccessControlList>`)
	for _, g := range grants {
		b.WriteString(`<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `)
		if g.URI != "" {
			b.WriteString(`xsi:type="Group"><URI>` + xmlEscape(g.URI) + `</URI>`)
		} else {
			b.WriteString(`xsi:type="CanonicalUser"><ID>` + xmlEscape(g.ID) + `</ID>`)
		}
		b.WriteString(`</Grantee><Permission>` + g.Permission + `</Permission></Grant>`)
	}
	b.WriteString(`</AccessControlList></AccessControlPolicy>`)
	return []byte(b.String())
}
