package awsops

import "time"

// Facet names one security aspect of a bucket that is read with its own API call.
type Facet string

// The facets read for every bucket. Each carries its own error, so a denied
// facet never hides the others.
const (
	FacetRegion            Facet = "region"
	FacetEncryption        Facet = "encryption"
	FacetVersioning        Facet = "versioning"
	FacetLogging           Facet = "logging"
	FacetCORS              Facet = "cors"
	FacetPolicy            Facet = "policy"
	FacetPublicAccessBlock Facet = "public_access_block"
	FacetLifecycle         Facet = "lifecycle"
	FacetOwnership         Facet = "object_ownership"
)

// AllFacets lists every facet in display order.
var AllFacets = []Facet{
	FacetRegion, FacetEncryption, FacetVersioning, FacetLogging,
	FacetCORS, FacetPolicy, FacetPublicAccessBlock, FacetLifecycle, FacetOwnership,
}

// Bucket is one entry of ListBuckets.
type Bucket struct {
	Name         string
	Region       string // from ListBuckets' BucketRegion when the endpoint sends it; "" otherwise
	CreationDate time.Time
}

// Encryption is the bucket's default encryption rule.
type Encryption struct {
	Algorithm              string   // AES256 | aws:kms | aws:kms:dsse
	KMSKeyID               string   // exactly as configured; "" means the AWS-managed aws/s3 key
	BucketKey              bool     // BucketKeyEnabled
	BlockedEncryptionTypes []string // e.g. ["SSE-C"] or ["NONE"]; nil when the element is absent
}

// SSECBlocked reports whether uploads with customer-provided keys are refused.
func (e Encryption) SSECBlocked() bool {
	for _, t := range e.BlockedEncryptionTypes {
		if t == "SSE-C" {
			return true
		}
	}
	return false
}

// VersioningStatus is the tri-state versioning status of a bucket.
type VersioningStatus string

// Versioning states: a bucket never returns to Never once versioned.
const (
	VersioningNever     VersioningStatus = "Never"
	VersioningEnabled   VersioningStatus = "Enabled"
	VersioningSuspended VersioningStatus = "Suspended"
)

// MFADeleteStatus is the MFA Delete setting; Never when the element is absent.
type MFADeleteStatus string

// MFA Delete states.
const (
	MFADeleteNever    MFADeleteStatus = "Never"
	MFADeleteEnabled  MFADeleteStatus = "Enabled"
	MFADeleteDisabled MFADeleteStatus = "Disabled"
)

// Versioning is the versioning facet.
type Versioning struct {
	Status    VersioningStatus
	MFADelete MFADeleteStatus
}

// Logging is the server access logging facet.
type Logging struct {
	Enabled      bool
	TargetBucket string
	TargetPrefix string
	KeyFormat    LogKeyFormat // how log object keys are named; "" when not configured (SimplePrefix applies)
}

// CORSRule is one CORS rule, as stored.
type CORSRule struct {
	ID             string
	AllowedOrigins []string
	AllowedMethods []string
	AllowedHeaders []string
	ExposeHeaders  []string
	MaxAgeSeconds  *int32
}

// CORS is the CORS facet; no rules means no configuration.
type CORS struct {
	Rules []CORSRule
}

// WildcardOrigin reports whether any rule allows every origin.
func (c CORS) WildcardOrigin() bool {
	for _, r := range c.Rules {
		for _, o := range r.AllowedOrigins {
			if o == "*" {
				return true
			}
		}
	}
	return false
}

// Policy is the bucket policy facet.
type Policy struct {
	Present     bool
	JSON        string // as returned by GetBucketPolicy
	TLSEnforced bool   // a Deny on aws:SecureTransport=false covers the bucket and its objects
	TLSWrong    bool   // statements try to require TLS but fall short (AnalyseTLSPolicy explains why)
}

// PublicAccessBlock is the bucket-level Block Public Access facet.
type PublicAccessBlock struct {
	Configured            bool // false after DeletePublicAccessBlock (NoSuchPublicAccessBlockConfiguration)
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// AllOn reports whether all four settings are on.
func (p PublicAccessBlock) AllOn() bool {
	return p.Configured && p.BlockPublicAcls && p.IgnorePublicAcls && p.BlockPublicPolicy && p.RestrictPublicBuckets
}

// ObjectOwnership is the Object Ownership facet, which decides whether ACLs
// apply: BucketOwnerEnforced disables them (the default for buckets created
// since 2023-04); BucketOwnerPreferred, ObjectWriter or no controls at all
// (OwnershipControlsNotFoundError, older buckets) leave them enabled.
type ObjectOwnership struct {
	Setting string // BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter; "" when none is configured
}

// ACLsEnabled reports whether ACLs grant access on this bucket.
func (o ObjectOwnership) ACLsEnabled() bool { return o.Setting != "BucketOwnerEnforced" }

// Lifecycle is the lifecycle facet: only the rule count matters to the console.
type Lifecycle struct {
	Rules int
}

// FacetError is the error of one facet of one bucket.
type FacetError struct {
	Code    string // AWS error code, e.g. AccessDenied, or a synthetic one such as RequestCanceled
	Message string
	// PlainHTTP is set when the refused request travelled over plain HTTP:
	// a bucket policy that denies aws:SecureTransport=false answers such a
	// request with the same terse AccessDenied as a missing permission, so
	// explanations need the transport to name the real cause.
	PlainHTTP bool
}

// Error formats the error as "Code: message".
func (e *FacetError) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// BucketState is everything read about one bucket. A nil facet pointer means
// the facet has not arrived yet or failed; failures are in Errors.
type BucketState struct {
	Name              string
	Region            string
	CreationDate      time.Time
	Encryption        *Encryption
	Versioning        *Versioning
	Logging           *Logging
	CORS              *CORS
	Policy            *Policy
	PublicAccessBlock *PublicAccessBlock
	Lifecycle         *Lifecycle
	Ownership         *ObjectOwnership
	Errors            map[Facet]*FacetError
}

// FacetUpdate is one facet of one bucket, as it arrives from the worker pool.
// Exactly one of Value and Err is set. Value's type matches the facet:
// string (region), Encryption, Versioning, Logging, CORS, Policy,
// PublicAccessBlock, Lifecycle or ObjectOwnership.
type FacetUpdate struct {
	Bucket string
	Facet  Facet
	Value  any
	Err    *FacetError
}

// Apply merges one facet update into the state.
func (s *BucketState) Apply(u FacetUpdate) {
	if u.Err != nil {
		if s.Errors == nil {
			s.Errors = map[Facet]*FacetError{}
		}
		s.Errors[u.Facet] = u.Err
		return
	}
	delete(s.Errors, u.Facet)
	switch v := u.Value.(type) {
	case string:
		s.Region = v
	case Encryption:
		s.Encryption = &v
	case Versioning:
		s.Versioning = &v
	case Logging:
		s.Logging = &v
	case CORS:
		s.CORS = &v
	case Policy:
		s.Policy = &v
	case PublicAccessBlock:
		s.PublicAccessBlock = &v
	case Lifecycle:
		s.Lifecycle = &v
	case ObjectOwnership:
		s.Ownership = &v
	}
}

// Loaded reports whether a facet has arrived, as a value or as an error.
func (s *BucketState) Loaded(f Facet) bool {
	if s.Errors[f] != nil {
		return true
	}
	switch f {
	case FacetRegion:
		return s.Region != ""
	case FacetEncryption:
		return s.Encryption != nil
	case FacetVersioning:
		return s.Versioning != nil
	case FacetLogging:
		return s.Logging != nil
	case FacetCORS:
		return s.CORS != nil
	case FacetPolicy:
		return s.Policy != nil
	case FacetPublicAccessBlock:
		return s.PublicAccessBlock != nil
	case FacetLifecycle:
		return s.Lifecycle != nil
	case FacetOwnership:
		return s.Ownership != nil
	}
	return false
}
