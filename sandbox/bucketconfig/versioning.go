package bucketconfig

import "net/http"

// Versioning is a VersioningConfiguration document.
type Versioning struct {
	Status    string // Enabled | Suspended; "" = element absent
	MFADelete string // Enabled | Disabled (wire element MfaDelete); "" = element absent
}

// ParseVersioning validates a PutBucketVersioning body: MalformedXML for bad case / Disabled; IllegalVersioningConfigurationException for empty.
func ParseVersioning(body []byte) (Versioning, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "VersioningConfiguration" || !root.hasChildren(opt("Status"), opt("MfaDelete")) {
		return Versioning{}, MalformedXML()
	}
	if len(root.children) == 0 {
		return Versioning{}, &Error{
			Status:  http.StatusBadRequest,
			Code:    "IllegalVersioningConfigurationException",
			Message: "The Versioning element must be specified",
		}
	}
	var v Versioning
	if s := root.first("Status"); s != nil {
		// Values are case-sensitive and "Disabled" is not a status: a bucket
		// can never go back to unversioned.
		if v.Status, ok = s.oneOf("Enabled", "Suspended"); !ok {
			return Versioning{}, MalformedXML()
		}
	}
	if m := root.first("MfaDelete"); m != nil {
		if v.MFADelete, ok = m.oneOf("Enabled", "Disabled"); !ok {
			return Versioning{}, MalformedXML()
		}
	}
	return v, nil
}

// XML renders the GetBucketVersioning document; a never-configured bucket
// yields the bare root element.
func (v Versioning) XML() []byte {
	d := newXMLDoc("VersioningConfiguration")
	if v.Status != "" {
		d.elem("Status", v.Status)
	}
	if v.MFADelete != "" {
		d.elem("MfaDelete", v.MFADelete)
	}
	return d.bytes()
}
