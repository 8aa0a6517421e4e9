// Package views holds the console's screens (bucket overview, bucket
// detail) and the root App model that routes between them.
package views

import (
	"context"
	"io"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// Backend is everything the screens ask of AWS. *awsops.Session implements
// it; tests may wrap it. Every method takes a context so the user can
// cancel with esc; none is ever called from Update or View.
type Backend interface {
	// Identity is STS GetCallerIdentity.
	Identity(ctx context.Context) (awsops.Identity, error)
	// Buckets is ListBuckets.
	Buckets(ctx context.Context) ([]awsops.Bucket, error)
	// Scan reads every facet of every bucket with parallel workers and
	// calls onFacet (from worker goroutines) as each arrives; it blocks until done.
	Scan(ctx context.Context, buckets []awsops.Bucket, parallel int, onFacet func(awsops.FacetUpdate))
	// State reads every facet of one bucket.
	State(ctx context.Context, b awsops.Bucket) awsops.BucketState
	// ListObjects is one page of ListObjectsV2.
	ListObjects(ctx context.Context, bucket, region, prefix, token string, max int32) (awsops.ObjectPage, error)
	// ListObjectVersions is one page of ListObjectVersions.
	ListObjectVersions(ctx context.Context, bucket, region, prefix, keyMarker, versionMarker string, max int32) (awsops.VersionPage, error)
	// AccessLogs reads the newest server access log records of a bucket
	// from its logging target, within q's bounds.
	AccessLogs(ctx context.Context, bucket string, q awsops.LogQuery) (awsops.LogResult, error)
	// KMSKeys lists the KMS keys of a region with their aliases and state.
	KMSKeys(ctx context.Context, region string) ([]awsops.KMSKey, error)
	// ValidateKMSKey checks that a key exists in region, is enabled and can encrypt.
	ValidateKMSKey(ctx context.Context, region, keyID string) (awsops.KMSKey, error)
	// ProbeLogTarget asks S3 what a logging plan's what-if needs beyond the
	// scan: a log target's existence, owner, region and Object Lock.
	ProbeLogTarget(ctx context.Context, target, region, account string, known bool) awsops.LogTargetProbe
	// Apply runs a plan's steps in order, reporting each finished step.
	Apply(ctx context.Context, p awsops.Plan, mfa awsops.MFA, progress func(int, awsops.Step, error)) error
	// MFADevices is iam:ListMFADevices for the caller (the root user's devices when root).
	MFADevices(ctx context.Context) ([]awsops.MFADevice, error)
	// CreateVirtualMFADevice is iam:CreateVirtualMFADevice; the answer holds the seed, shown once.
	CreateVirtualMFADevice(ctx context.Context, name string) (awsops.VirtualMFADevice, error)
	// EnableMFADevice is iam:EnableMFADevice with two consecutive codes.
	EnableMFADevice(ctx context.Context, userName, serial, code1, code2 string) error
	// DeleteVirtualMFADevice is iam:DeleteVirtualMFADevice (unassigned devices only).
	DeleteVirtualMFADevice(ctx context.Context, serial string) error
	// UnassignedVirtualMFADevice is the serial of the unassigned virtual
	// device named name (iam:ListVirtualMFADevices), "" when there is none.
	UnassignedVirtualMFADevice(ctx context.Context, name string) (string, error)
	// HeadObjects reads the encryption of each object (HeadObject, a few at a time).
	HeadObjects(ctx context.Context, bucket, region string, refs []awsops.ObjectRef) []awsops.ObjectEncryption
	// MatchSSECKey tells which SSE-C objects were written with key (HeadObject with the key).
	MatchSSECKey(ctx context.Context, bucket, region string, refs []awsops.ObjectRef, key []byte) ([]bool, error)
	// Upload writes one object with the chosen encryption, multipart when large.
	Upload(ctx context.Context, in awsops.UploadInput, progress func(awsops.UploadProgress)) (awsops.UploadResult, error)
	// Download reads one object into w, decrypting SSE-C and client-side objects.
	Download(ctx context.Context, in awsops.DownloadInput, w io.Writer, progress func(awsops.DownloadProgress)) (awsops.DownloadResult, error)
	// KMSKeyring is a client-side encryption keyring on a KMS key of region.
	KMSKeyring(region, keyID string) *clientside.KMSKeyring
	// CheckPreflight sends a real CORS preflight to the bucket and compares
	// the answer with the local evaluation of its rules (the CORS tester).
	CheckPreflight(ctx context.Context, bucket, region, key string, req awsops.CORSRequest) (awsops.PreflightCheck, error)
	// Endpoint is the S3 endpoint URL in use.
	Endpoint() string
	// EndpointName is who the endpoint says it is ("MinIO", "Amazon S3"),
	// "" while unknown; see awsops.Session.EndpointName.
	EndpointName() string
	// Secure reports whether the endpoint is HTTPS.
	Secure() bool
	// Region is the session's default region.
	Region() string
}

// The session is the production backend.
var _ Backend = (*awsops.Session)(nil)
