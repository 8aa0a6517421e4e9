package views

import (
	"github.com/s3sec/s3sec/awsops"
)

// Messages shared by the screens. Every asynchronous result carries the
// generation it was started under, so results that arrive after a refresh
// or a cancel are recognised as stale and dropped.

// identityMsg is the answer of STS GetCallerIdentity.
type identityMsg struct {
	id  awsops.Identity
	err error
}

// bucketsMsg is the answer of ListBuckets for scan generation gen.
type bucketsMsg struct {
	gen     int
	buckets []awsops.Bucket
	err     error
}

// facetBatchMsg carries the facet updates that arrived during one batch
// window of scan generation gen; done means the scan has finished.
type facetBatchMsg struct {
	gen     int
	updates []awsops.FacetUpdate
	done    bool
}

// bucketStateMsg is a fresh read of one bucket (refresh of one row), for
// that bucket's refresh generation gen.
type bucketStateMsg struct {
	gen   int
	state awsops.BucketState
}

// analyseTickMsg fires when the debounce window of the analysis ends.
type analyseTickMsg struct{}

// findingsMsg is the result of one analysis run over snapshot version.
type findingsMsg struct {
	version  int
	findings []awsops.Finding
}

// refreshBucketMsg asks the overview to re-read one bucket.
type refreshBucketMsg struct{ bucket string }

// objectsMsg is one page of ListObjectsV2 for the objects pane's request gen.
type objectsMsg struct {
	gen  int
	page awsops.ObjectPage
	err  error
}

// versionsMsg is one page of ListObjectVersions for the objects pane's request gen.
type versionsMsg struct {
	gen  int
	page awsops.VersionPage
	err  error
}
