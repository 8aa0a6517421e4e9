package bucketconfig

// ObjectIdentifier is one Object entry of a DeleteObjects request.
type ObjectIdentifier struct{ Key, VersionID string }

// Delete is a DeleteObjects request body.
type Delete struct {
	Quiet   bool
	Objects []ObjectIdentifier
}

// maxDeleteObjects is the most keys one DeleteObjects request may name.
const maxDeleteObjects = 1000

// ParseDelete validates a DeleteObjects body: 1..1000 objects, else MalformedXML.
// Keys and version ids are kept verbatim (keys may carry spaces).
func ParseDelete(body []byte) (Delete, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "Delete" || !root.hasChildren(childSpec{"Object", 1, maxDeleteObjects}, opt("Quiet")) {
		return Delete{}, MalformedXML()
	}
	var d Delete
	if q := root.first("Quiet"); q != nil {
		if d.Quiet, ok = q.boolean(); !ok {
			return Delete{}, MalformedXML()
		}
	}
	for _, o := range root.all("Object") {
		// ETag, LastModifiedTime and Size are the conditional-delete members
		// of the model; they are accepted and left to the handler to ignore.
		if !o.hasChildren(req("Key"), opt("VersionId"), opt("ETag"), opt("LastModifiedTime"), opt("Size")) {
			return Delete{}, MalformedXML()
		}
		var id ObjectIdentifier
		if id.Key, ok = o.first("Key").leaf(); !ok {
			return Delete{}, MalformedXML()
		}
		if v := o.first("VersionId"); v != nil {
			if id.VersionID, ok = v.leaf(); !ok {
				return Delete{}, MalformedXML()
			}
		}
		d.Objects = append(d.Objects, id)
	}
	return d, nil
}
