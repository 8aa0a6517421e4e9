package bucketconfig

import (
	"encoding/xml"
	"net/http"
)

// Grant is one TargetGrants/Grant entry of a logging configuration.
type Grant struct {
	GranteeType  string // CanonicalUser | Group | AmazonCustomerByEmail (the xsi:type attribute)
	ID           string // CanonicalUser grantee
	URI          string // Group grantee
	EmailAddress string // AmazonCustomerByEmail grantee (refused since 2025-10-01)
	Permission   string // FULL_CONTROL | READ | WRITE (READ_ACP and WRITE_ACP are accepted too)
	DisplayName  string // optional, echoed when sent
}

// Logging is a BucketLoggingStatus document.
type Logging struct {
	Enabled                    bool
	TargetBucket, TargetPrefix string
	Grants                     []Grant // nil when TargetGrants was absent
	KeyFormat                  string  // "" (absent) | "SimplePrefix" | "PartitionedPrefix"
	PartitionDateSource        string  // EventTime | DeliveryTime when PartitionedPrefix; "" when not sent (EventTime applies)
}

// xsiNamespace is the namespace of the xsi:type attribute on Grantee.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// granteeTypes maps each grantee type to the child element that names it.
var granteeTypes = map[string]string{
	"CanonicalUser":         "ID",
	"Group":                 "URI",
	"AmazonCustomerByEmail": "EmailAddress",
}

// logPermissions are the grant permissions S3 accepts for log objects: the
// model lists three, but S3 was recorded accepting READ_ACP as well.
var logPermissions = []string{"FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"}

// ParseLogging validates a PutBucketLogging body: syntax-level checks only (email grantee 405, key format, date source); target existence/region/ownership checks are the handler's job.
func ParseLogging(body []byte) (Logging, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "BucketLoggingStatus" || !root.hasChildren(opt("LoggingEnabled")) {
		return Logging{}, MalformedXML()
	}
	le := root.first("LoggingEnabled")
	if le == nil {
		return Logging{}, nil // an empty status disables logging
	}
	if !le.hasChildren(req("TargetBucket"), req("TargetPrefix"), opt("TargetGrants"), opt("TargetObjectKeyFormat")) {
		return Logging{}, MalformedXML()
	}
	l := Logging{Enabled: true}
	if l.TargetBucket, ok = le.first("TargetBucket").leaf(); !ok {
		return Logging{}, MalformedXML()
	}
	if l.TargetPrefix, ok = le.first("TargetPrefix").leaf(); !ok {
		return Logging{}, MalformedXML()
	}
	emailGrantee := false
	if tg := le.first("TargetGrants"); tg != nil {
		if !tg.hasChildren(many("Grant", 0)) {
			return Logging{}, MalformedXML()
		}
		l.Grants = []Grant{}
		for _, n := range tg.all("Grant") {
			g, ok := parseGrant(n)
			if !ok {
				return Logging{}, MalformedXML()
			}
			emailGrantee = emailGrantee || g.GranteeType == "AmazonCustomerByEmail"
			l.Grants = append(l.Grants, g)
		}
	}
	if kf := le.first("TargetObjectKeyFormat"); kf != nil {
		if !parseKeyFormat(kf, &l) {
			return Logging{}, MalformedXML()
		}
	}
	if emailGrantee {
		// E-mail grantees were discontinued on 2025-10-01; S3 answers 405.
		// The exact code and message are unverified: the generic
		// MethodNotAllowed answer is used.
		return Logging{}, &Error{
			Status:  http.StatusMethodNotAllowed,
			Code:    "MethodNotAllowed",
			Message: "The specified method is not allowed against this resource.",
		}
	}
	return l, nil
}

// parseGrant reads one Grant: a typed Grantee naming its principal, and a permission.
func parseGrant(n *xmlNode) (Grant, bool) {
	if !n.hasChildren(req("Grantee"), req("Permission")) {
		return Grant{}, false
	}
	var g Grant
	var ok bool
	if g.Permission, ok = n.first("Permission").oneOf(logPermissions...); !ok {
		return Grant{}, false
	}
	ge := n.first("Grantee")
	if !ge.hasChildren(opt("ID"), opt("DisplayName"), opt("URI"), opt("EmailAddress")) {
		return Grant{}, false
	}
	for _, a := range ge.attrs {
		// The prefix is normally bound to the XSI namespace; an unbound
		// "xsi" prefix is tolerated as the same attribute.
		if a.Name.Local == "type" && (a.Name.Space == xsiNamespace || a.Name.Space == "xsi") {
			g.GranteeType = a.Value
		}
	}
	needed, known := granteeTypes[g.GranteeType]
	if !known || ge.first(needed) == nil {
		return Grant{}, false
	}
	fields := []struct {
		name string
		dst  *string
	}{{"ID", &g.ID}, {"DisplayName", &g.DisplayName}, {"URI", &g.URI}, {"EmailAddress", &g.EmailAddress}}
	for _, f := range fields {
		if e := ge.first(f.name); e != nil {
			if *f.dst, ok = e.leaf(); !ok {
				return Grant{}, false
			}
		}
	}
	return g, true
}

// parseKeyFormat reads TargetObjectKeyFormat, which holds exactly one of
// SimplePrefix (empty) or PartitionedPrefix (optional PartitionDateSource).
func parseKeyFormat(kf *xmlNode, l *Logging) bool {
	if !kf.hasChildren(opt("SimplePrefix"), opt("PartitionedPrefix")) || len(kf.children) != 1 {
		return false
	}
	format := kf.children[0]
	l.KeyFormat = format.name
	if format.name == "SimplePrefix" {
		return format.hasChildren()
	}
	if !format.hasChildren(opt("PartitionDateSource")) {
		return false
	}
	if ds := format.first("PartitionDateSource"); ds != nil {
		var ok bool
		if l.PartitionDateSource, ok = ds.oneOf("EventTime", "DeliveryTime"); !ok {
			return false
		}
	}
	return true
}

// XML renders the GetBucketLogging document; disabled logging yields the
// bare root element. Grants are echoed as given.
func (l Logging) XML() []byte {
	d := newXMLDoc("BucketLoggingStatus")
	if !l.Enabled {
		return d.bytes()
	}
	d.open("LoggingEnabled")
	d.elem("TargetBucket", l.TargetBucket)
	d.elem("TargetPrefix", l.TargetPrefix)
	if l.Grants != nil {
		d.open("TargetGrants")
		for _, g := range l.Grants {
			writeGrant(d, g)
		}
		d.close("TargetGrants")
	}
	switch l.KeyFormat {
	case "SimplePrefix":
		d.b.WriteString("<TargetObjectKeyFormat><SimplePrefix></SimplePrefix></TargetObjectKeyFormat>")
	case "PartitionedPrefix":
		d.open("TargetObjectKeyFormat")
		d.open("PartitionedPrefix")
		if l.PartitionDateSource != "" {
			d.elem("PartitionDateSource", l.PartitionDateSource)
		}
		d.close("PartitionedPrefix")
		d.close("TargetObjectKeyFormat")
	}
	d.close("LoggingEnabled")
	return d.bytes()
}

// writeGrant renders one Grant with its xsi-typed Grantee.
func writeGrant(d *xmlDoc, g Grant) {
	d.open("Grant")
	d.b.WriteString(`<Grantee xmlns:xsi="` + xsiNamespace + `" xsi:type="`)
	_ = xml.EscapeText(&d.b, []byte(g.GranteeType)) // a bytes.Buffer write cannot fail
	d.b.WriteString(`">`)
	// The element that names the grantee is written even when empty, so the
	// echo parses back as the same grant.
	named := granteeTypes[g.GranteeType]
	for _, f := range []struct{ name, value string }{
		{"ID", g.ID}, {"DisplayName", g.DisplayName}, {"URI", g.URI}, {"EmailAddress", g.EmailAddress},
	} {
		if f.value != "" || f.name == named {
			d.elem(f.name, f.value)
		}
	}
	d.close("Grantee")
	d.elem("Permission", g.Permission)
	d.close("Grant")
}
