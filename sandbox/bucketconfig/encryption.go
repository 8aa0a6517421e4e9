package bucketconfig

import "net/http"

// EncryptionRule is the single rule of a ServerSideEncryptionConfiguration
// (PutBucketEncryption body / GetBucketEncryption response).
type EncryptionRule struct {
	Algorithm              string   // AES256 | aws:kms | aws:kms:dsse ; "" when ApplyServerSideEncryptionByDefault absent
	KMSMasterKeyID         string   // echoed exactly as sent
	BucketKeyEnabled       bool     // accepted with every algorithm, only meaningful with KMS
	BlockedEncryptionTypes []string // nil when element absent; values NONE | SSE-C
}

// sseAlgorithms are the default algorithms a general-purpose bucket accepts.
// The model also lists aws:fsx and aws:backup, which do not apply here; the
// AWS answer for them is unverified, so they get MalformedXML like any typo.
var sseAlgorithms = []string{"AES256", "aws:kms", "aws:kms:dsse"}

// blockableEncryptionTypes are the values of BlockedEncryptionTypes/EncryptionType.
var blockableEncryptionTypes = []string{"NONE", "SSE-C"}

// ParseEncryption validates a PutBucketEncryption body: exactly one Rule,
// known algorithm and block-list values, KMSMasterKeyID only with KMS.
func ParseEncryption(body []byte) (EncryptionRule, *Error) {
	root, ok := parseXML(body)
	if !ok || root.name != "ServerSideEncryptionConfiguration" || !root.hasChildren(req("Rule")) {
		return EncryptionRule{}, MalformedXML()
	}
	rule := root.first("Rule")
	if !rule.hasChildren(opt("ApplyServerSideEncryptionByDefault"), opt("BucketKeyEnabled"), opt("BlockedEncryptionTypes")) {
		return EncryptionRule{}, MalformedXML()
	}
	var r EncryptionRule
	// Schema errors win over the semantic KMSMasterKeyID check, so that one
	// is only reported once the whole document has validated.
	keyWithoutKMS := false
	if def := rule.first("ApplyServerSideEncryptionByDefault"); def != nil {
		if !def.hasChildren(req("SSEAlgorithm"), opt("KMSMasterKeyID")) {
			return EncryptionRule{}, MalformedXML()
		}
		if r.Algorithm, ok = def.first("SSEAlgorithm").oneOf(sseAlgorithms...); !ok {
			return EncryptionRule{}, MalformedXML()
		}
		if key := def.first("KMSMasterKeyID"); key != nil {
			if r.KMSMasterKeyID, ok = key.leaf(); !ok {
				return EncryptionRule{}, MalformedXML()
			}
			keyWithoutKMS = r.Algorithm == "AES256"
		}
	}
	if bke := rule.first("BucketKeyEnabled"); bke != nil {
		if r.BucketKeyEnabled, ok = bke.boolean(); !ok {
			return EncryptionRule{}, MalformedXML()
		}
	}
	if blocked := rule.first("BlockedEncryptionTypes"); blocked != nil {
		if !blocked.hasChildren(many("EncryptionType", 0)) {
			return EncryptionRule{}, MalformedXML()
		}
		r.BlockedEncryptionTypes = []string{}
		for _, t := range blocked.all("EncryptionType") {
			v, ok := t.oneOf(blockableEncryptionTypes...)
			if !ok {
				return EncryptionRule{}, MalformedXML()
			}
			r.BlockedEncryptionTypes = append(r.BlockedEncryptionTypes, v)
		}
	}
	if keyWithoutKMS {
		return EncryptionRule{}, &Error{
			Status:  http.StatusBadRequest,
			Code:    "InvalidArgument",
			Message: "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
			Extra:   [][2]string{{"ArgumentName", "ApplyServerSideEncryptionByDefault"}},
		}
	}
	return r, nil
}

// XML renders the GetBucketEncryption document. BucketKeyEnabled is always
// present, as on the wire; KMSMasterKeyID only when one was configured.
func (r EncryptionRule) XML() []byte {
	d := newXMLDoc("ServerSideEncryptionConfiguration")
	d.open("Rule")
	if r.Algorithm != "" {
		d.open("ApplyServerSideEncryptionByDefault")
		d.elem("SSEAlgorithm", r.Algorithm)
		if r.KMSMasterKeyID != "" {
			d.elem("KMSMasterKeyID", r.KMSMasterKeyID)
		}
		d.close("ApplyServerSideEncryptionByDefault")
	}
	d.boolElem("BucketKeyEnabled", r.BucketKeyEnabled)
	if r.BlockedEncryptionTypes != nil {
		d.open("BlockedEncryptionTypes")
		for _, t := range r.BlockedEncryptionTypes {
			d.elem("EncryptionType", t)
		}
		d.close("BlockedEncryptionTypes")
	}
	d.close("Rule")
	return d.bytes()
}

// DefaultEncryption returns the rule a new bucket reports (AES256, bucket key false, BlockedEncryptionTypes [SSE-C] in the current epoch).
func DefaultEncryption() EncryptionRule {
	return EncryptionRule{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}}
}
