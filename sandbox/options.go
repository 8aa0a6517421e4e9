package sandbox

import (
	"io"
	"time"
)

// Default identities and addresses of a sandbox; the keys are the public
// example keys of the AWS documentation, never real secrets.
const (
	// DefaultAccountID is the demo account that owns every sandbox bucket.
	DefaultAccountID = "111122223333"
	// DefaultRootAccessKeyID is the access key of the account's root user.
	DefaultRootAccessKeyID = "AKIAIOSFODNN7EXAMPLE"
	// DefaultRootSecretAccessKey is the secret key of the account's root user.
	DefaultRootSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	// DefaultAdminAccessKeyID is the access key of the IAM user "admin".
	DefaultAdminAccessKeyID = "AKIAI44QH8DHBEXAMPLE"
	// DefaultAdminSecretAccessKey is the secret key of the IAM user "admin".
	DefaultAdminSecretAccessKey = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
	// DefaultAddr is the listen address used for both listeners when none is given.
	DefaultAddr = "127.0.0.1:0"
)

// DefaultRegions are the regions a sandbox hosts when Options.Regions is empty.
var DefaultRegions = []string{"us-east-1", "eu-west-1"}

// Options configure a sandbox. Zero values give the documented defaults.
type Options struct {
	Addr        string // plain HTTP listener, default "127.0.0.1:0"
	TLSAddr     string // HTTPS listener, default "127.0.0.1:0"
	AllowRemote bool   // refuse non-loopback addresses unless set
	CAFile      string // where the generated CA certificate PEM is written; default a file in os.TempDir() removed on Close
	AccountID   string // default DefaultAccountID

	RootAccessKeyID, RootSecretAccessKey   string // default DefaultRootAccessKeyID / DefaultRootSecretAccessKey
	AdminAccessKeyID, AdminSecretAccessKey string // IAM user "admin": default DefaultAdminAccessKeyID / DefaultAdminSecretAccessKey

	AdminDeniedActions   []string         // IAM actions denied to the admin user, e.g. "s3:GetBucketCORS" (wildcards allowed)
	FailOperations       []string         // S3 operations answered 500 InternalError, e.g. "PutBucketVersioning" (fail_ops.go): tests of a failure mid-plan
	Latency              time.Duration    // injected per request, before answering (benchmarks)
	Seed                 bool             // load the demo data (see seed.go)
	Clock                func() time.Time // default time.Now; stamps stored data so seeded output is deterministic
	Regions              []string         // regions hosted; default DefaultRegions
	KMSRequestsPerSecond float64          // quota shared by KMS cryptographic calls per (account, region), S3's included; 0 = unlimited
	AccessLogInterval    time.Duration    // deliver buffered server access logs this often; 0 = only on FlushAccessLogs
	// NotImplemented lists bucket sub-resources ("cors", "logging",
	// "publicAccessBlock", ...) answered 501 NotImplemented, as endpoints
	// that lack them do (MinIO has no bucket CORS or logging): tests of
	// s3sec's capability detection use it. Empty for an AWS-like sandbox.
	NotImplemented []string
	// IgnoreMFADelete accepts PutBucketVersioning with MfaDelete but
	// neither stores nor enforces it, as MinIO does (lax.go).
	IgnoreMFADelete bool
	// StoreSSEUnencrypted accepts SSE headers but reports no encryption
	// for the objects written, as versitygw does (lax.go).
	StoreSSEUnencrypted bool
	LogWriter           io.Writer // where the sandbox reports what no client sees: undelivered access logs (nil = nowhere) and the HTTP servers' error log (nil = os.Stderr)
	DataDir             string    // keep object content (sealed) in files under this directory instead of memory; "" = memory (blob_store.go)
	MaxObjectSize       int64     // lower S3's size limits (5 GiB a PutObject or part, 5 TiB an object) to this many bytes; 0 = S3's (size_limits.go)
}

// withDefaults returns a copy of o with every zero value replaced by its default.
func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.TLSAddr == "" {
		o.TLSAddr = DefaultAddr
	}
	if o.AccountID == "" {
		o.AccountID = DefaultAccountID
	}
	if o.RootAccessKeyID == "" {
		o.RootAccessKeyID = DefaultRootAccessKeyID
	}
	if o.RootSecretAccessKey == "" {
		o.RootSecretAccessKey = DefaultRootSecretAccessKey
	}
	if o.AdminAccessKeyID == "" {
		o.AdminAccessKeyID = DefaultAdminAccessKeyID
	}
	if o.AdminSecretAccessKey == "" {
		o.AdminSecretAccessKey = DefaultAdminSecretAccessKey
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if len(o.Regions) == 0 {
		o.Regions = append([]string(nil), DefaultRegions...)
	}
	o.AdminDeniedActions = append([]string(nil), o.AdminDeniedActions...)
	return o
}
