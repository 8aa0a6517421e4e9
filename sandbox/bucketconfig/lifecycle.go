package bucketconfig

import (
	"bytes"
	"net/http"
	"strconv"
)

// Lifecycle is a stored (not executed) LifecycleConfiguration: the rule
// count and the canonical document GetBucketLifecycleConfiguration returns.
type Lifecycle struct {
	Rules int
	Doc   []byte
}

// maxLifecycleRules is the most rules a bucket may have; AWS answers
// MalformedXML beyond it [OBS].
const maxLifecycleRules = 1000

// lifecycleActions are the Rule children that make a rule do something.
var lifecycleActions = []string{
	"Expiration", "Transition", "NoncurrentVersionTransition", "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload",
}

// lifecycleFilters are the predicates a Filter may hold (at most one; And combines).
var lifecycleFilters = []string{"Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And"}

// ParseLifecycle validates a PutBucketLifecycleConfiguration body enough to
// refuse garbage: at least one Rule, each with Status Enabled|Disabled and a Filter or Prefix; ≤1000 rules.
// The contents of actions and filters are not interpreted.
func ParseLifecycle(body []byte) (Lifecycle, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "LifecycleConfiguration" || !root.hasChildren(childSpec{"Rule", 1, maxLifecycleRules}) {
		return Lifecycle{}, MalformedXML()
	}
	withoutAction, badDays := false, false
	for _, rule := range root.children {
		if !rule.hasChildren(opt("ID"), opt("Filter"), opt("Prefix"), req("Status"),
			opt("Expiration"), many("Transition", 0), many("NoncurrentVersionTransition", 0),
			opt("NoncurrentVersionExpiration"), opt("AbortIncompleteMultipartUpload")) {
			return Lifecycle{}, MalformedXML()
		}
		if _, ok := rule.first("Status").oneOf("Enabled", "Disabled"); !ok {
			return Lifecycle{}, MalformedXML()
		}
		filter, prefix := rule.first("Filter"), rule.first("Prefix")
		if (filter == nil) == (prefix == nil) {
			return Lifecycle{}, MalformedXML() // exactly one of Filter or the legacy Prefix
		}
		if prefix != nil && len(prefix.children) > 0 {
			return Lifecycle{}, MalformedXML()
		}
		if filter != nil && !validLifecycleFilter(filter) {
			return Lifecycle{}, MalformedXML()
		}
		if id := rule.first("ID"); id != nil && len(id.children) > 0 {
			return Lifecycle{}, MalformedXML()
		}
		hasAction := false
		for _, a := range lifecycleActions {
			hasAction = hasAction || rule.first(a) != nil
		}
		withoutAction = withoutAction || !hasAction
		days, ok := expirationDays(rule.first("Expiration"))
		if !ok {
			return Lifecycle{}, MalformedXML()
		}
		badDays = badDays || days != nil && *days < 1
	}
	if badDays {
		return Lifecycle{}, &Error{Status: http.StatusBadRequest, Code: "InvalidArgument",
			Message: "'Days' for Expiration action must be a positive integer"}
	}
	if withoutAction {
		return Lifecycle{}, invalidRequest("At least one action needs to be specified in a rule")
	}
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	writeCanonical(&b, root, true)
	return Lifecycle{Rules: len(root.children), Doc: b.Bytes()}, nil
}

// expirationDays reads Expiration/Days: nil when absent, ok=false when it is
// not an integer (a schema error). S3 refuses Days below 1 with 400
// InvalidArgument "'Days' for Expiration action must be a positive integer"
// (the AWS wording as MinIO, Ceph and other S3 implementations replicate it;
// the lifecycle reference says Days "must be a non-zero positive integer").
// Schema errors anywhere in the document are answered first.
func expirationDays(exp *xmlNode) (*int, bool) {
	if exp == nil || exp.first("Days") == nil {
		return nil, true
	}
	text, ok := exp.first("Days").token()
	if !ok {
		return nil, false
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return nil, false
	}
	return &n, true
}

// validLifecycleFilter accepts an empty Filter (all objects) or one predicate.
func validLifecycleFilter(f *xmlNode) bool {
	specs := make([]childSpec, len(lifecycleFilters))
	for i, name := range lifecycleFilters {
		specs[i] = opt(name)
	}
	return f.hasChildren(specs...) && len(f.children) <= 1
}

// XML returns the stored document.
func (l Lifecycle) XML() []byte { return l.Doc }

// writeCanonical writes n compactly with local names only; the root gets the
// S3 namespace. Leaves keep their text verbatim.
func writeCanonical(b *bytes.Buffer, n *xmlNode, root bool) {
	b.WriteString("<" + n.name)
	if root {
		b.WriteString(` xmlns="` + s3Namespace + `"`)
	}
	b.WriteString(">")
	if len(n.children) == 0 {
		escapeXML(b, string(n.text))
	}
	for _, c := range n.children {
		writeCanonical(b, c, false)
	}
	b.WriteString("</" + n.name + ">")
}
