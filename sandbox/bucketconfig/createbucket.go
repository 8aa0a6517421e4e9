package bucketconfig

import "bytes"

// ParseCreateBucket reads a CreateBucket body (may be empty) and returns its
// LocationConstraint ("" when absent). Whether the constraint fits the
// endpoint's region is the handler's decision.
func ParseCreateBucket(body []byte) (locationConstraint string, err *Error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return "", nil
	}
	root, ok := parseXML(body)
	// Location, Bucket and Tags belong to directory buckets and bucket
	// tagging at creation; they are accepted so such bodies are not refused
	// as malformed.
	if !ok || root.name != "CreateBucketConfiguration" ||
		!root.hasChildren(opt("LocationConstraint"), opt("Location"), opt("Bucket"), opt("Tags")) {
		return "", MalformedXML()
	}
	if lc := root.first("LocationConstraint"); lc != nil {
		if locationConstraint, ok = lc.token(); !ok {
			return "", MalformedXML()
		}
	}
	return locationConstraint, nil
}
