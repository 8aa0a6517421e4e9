// Package views holds the console's screens (bucket overview, bucket
// detail) and the root App model that routes between them.
package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
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
	// Endpoint is the S3 endpoint URL in use.
	Endpoint() string
	// Secure reports whether the endpoint is HTTPS.
	Secure() bool
	// Region is the session's default region.
	Region() string
}

// The session is the production backend.
var _ Backend = (*awsops.Session)(nil)
