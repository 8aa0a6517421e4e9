package cmd

import (
	"encoding/json"
	"io"

	"github.com/s3sec/s3sec/awsops"
)

// The JSON report shape is a public contract (README.md, "JSON report"):
// keep these names stable. A facet that could not be read is null and its
// error is under "errors".

type jsonReport struct {
	Endpoint      string         `json:"endpoint"`
	Identity      jsonIdentity   `json:"identity"`
	Buckets       []jsonBucket   `json:"buckets"`
	FindingsTotal map[string]int `json:"findings_total"`
	Complete      bool           `json:"complete"` // every facet of every bucket was read
	// EndpointCapabilities says, per facet, whether the endpoint implements
	// it (false: "not supported by this endpoint", a state, not an error);
	// a facet no read reached either way is absent.
	EndpointCapabilities map[string]bool `json:"endpoint_capabilities"`
}

type jsonIdentity struct {
	Account string `json:"account"`
	ARN     string `json:"arn"`
	Root    bool   `json:"root"`
}

type jsonBucket struct {
	Name              string            `json:"name"`
	Region            string            `json:"region"`
	Encryption        *jsonEncryption   `json:"encryption"`
	Versioning        *string           `json:"versioning"`
	MFADelete         *string           `json:"mfa_delete"`
	Logging           *jsonLogging      `json:"logging"`
	CORS              *jsonCORS         `json:"cors"`
	TLSEnforced       *bool             `json:"tls_enforced"`
	PublicAccessBlock *jsonPAB          `json:"public_access_block"`
	LifecycleRules    *int              `json:"lifecycle_rules"`
	ObjectOwnership   *jsonOwnership    `json:"object_ownership"`
	Errors            map[string]string `json:"errors"`
	Findings          []jsonFinding     `json:"findings"`
	Complete          bool              `json:"complete"`      // every facet was read
	UnreadFacets      []string          `json:"unread_facets"` // the facets that were not, in display order
}

// jsonOwnership is Object Ownership: setting is "" when no controls exist.
type jsonOwnership struct {
	Setting     string `json:"setting"`
	ACLsEnabled bool   `json:"acls_enabled"`
}

type jsonEncryption struct {
	Algorithm              string   `json:"algorithm"`
	KMSKeyID               *string  `json:"kms_key_id"`
	BucketKey              bool     `json:"bucket_key"`
	BlockedEncryptionTypes []string `json:"blocked_encryption_types"`
}

type jsonLogging struct {
	Enabled      bool   `json:"enabled"`
	TargetBucket string `json:"target_bucket"`
	TargetPrefix string `json:"target_prefix"`
}

type jsonCORS struct {
	Rules          int  `json:"rules"`
	WildcardOrigin bool `json:"wildcard_origin"`
}

type jsonPAB struct {
	BlockPublicAcls       bool `json:"block_public_acls"`
	IgnorePublicAcls      bool `json:"ignore_public_acls"`
	BlockPublicPolicy     bool `json:"block_public_policy"`
	RestrictPublicBuckets bool `json:"restrict_public_buckets"`
}

type jsonFinding struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Remedy   string `json:"remedy"`
}

// writeReportJSON prints the report in the documented JSON shape.
func writeReportJSON(w io.Writer, r *report) error {
	out := jsonReport{
		Endpoint: r.endpoint,
		Identity: jsonIdentity{Account: r.identity.Account, ARN: r.identity.ARN, Root: r.identity.IsRoot},
		Buckets:  make([]jsonBucket, 0, len(r.states)),
		FindingsTotal: map[string]int{
			"high": 0, "medium": 0, "low": 0, "info": 0,
		},
		Complete:             len(r.unread()) == 0,
		EndpointCapabilities: map[string]bool{},
	}
	for f, ok := range r.caps {
		out.EndpointCapabilities[string(f)] = ok
	}
	for sev, n := range r.totals() {
		out.FindingsTotal[sev.String()] = n
	}
	for _, s := range r.states {
		out.Buckets = append(out.Buckets, toJSONBucket(s, r.findingsFor(s.Name)))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// toJSONBucket converts one bucket's state and findings.
func toJSONBucket(s awsops.BucketState, findings []awsops.Finding) jsonBucket {
	b := jsonBucket{Name: s.Name, Region: s.Region, Errors: map[string]string{}, Findings: []jsonFinding{}, UnreadFacets: []string{}}
	for _, f := range awsops.UnreadFacets(&s) {
		b.UnreadFacets = append(b.UnreadFacets, string(f))
	}
	b.Complete = len(b.UnreadFacets) == 0
	if e := s.Encryption; e != nil {
		je := &jsonEncryption{Algorithm: e.Algorithm, BucketKey: e.BucketKey, BlockedEncryptionTypes: e.BlockedEncryptionTypes}
		if je.BlockedEncryptionTypes == nil {
			je.BlockedEncryptionTypes = []string{}
		}
		if e.KMSKeyID != "" {
			id := e.KMSKeyID
			je.KMSKeyID = &id
		}
		b.Encryption = je
	}
	if v := s.Versioning; v != nil {
		status, mfa := string(v.Status), string(v.MFADelete)
		b.Versioning, b.MFADelete = &status, &mfa
	}
	if l := s.Logging; l != nil {
		b.Logging = &jsonLogging{Enabled: l.Enabled, TargetBucket: l.TargetBucket, TargetPrefix: l.TargetPrefix}
	}
	if c := s.CORS; c != nil {
		b.CORS = &jsonCORS{Rules: len(c.Rules), WildcardOrigin: c.WildcardOrigin()}
	}
	if p := s.Policy; p != nil {
		tls := p.TLSEnforced
		b.TLSEnforced = &tls
	}
	if p := s.PublicAccessBlock; p != nil {
		b.PublicAccessBlock = &jsonPAB{
			BlockPublicAcls: p.BlockPublicAcls, IgnorePublicAcls: p.IgnorePublicAcls,
			BlockPublicPolicy: p.BlockPublicPolicy, RestrictPublicBuckets: p.RestrictPublicBuckets,
		}
	}
	if l := s.Lifecycle; l != nil {
		n := l.Rules
		b.LifecycleRules = &n
	}
	if o := s.Ownership; o != nil {
		b.ObjectOwnership = &jsonOwnership{Setting: o.Setting, ACLsEnabled: o.ACLsEnabled()}
	}
	for facet, err := range s.Errors {
		if !err.Unsupported() { // a state of the endpoint, in endpoint_capabilities
			b.Errors[string(facet)] = err.Error()
		}
	}
	for _, f := range findings {
		b.Findings = append(b.Findings, jsonFinding{ID: f.ID, Severity: f.Severity.String(), Message: f.Message, Remedy: f.Remedy})
	}
	return b
}
