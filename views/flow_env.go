package views

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// flowEnv is what the versioning and MFA flows work with: the console's
// shared state, the backend, the bucket and the flow's identity.
type flowEnv struct {
	c      *common
	be     Backend
	bucket string
	flow   int                        // the flow's id, carried by its messages
	state  func() *awsops.BucketState // the bucket's state in the store; nil once gone
	relist func() tea.Cmd             // lists the Objects pane again
}

// mfaFlowIDs numbers the versioning and MFA flows, so that the answers of
// a flow that was closed are never taken for those of the next one.
var mfaFlowIDs atomic.Int64

// nextMFAFlowID returns a fresh flow id.
func nextMFAFlowID() int { return int(mfaFlowIDs.Add(1)) }

// newFlowEnv returns the environment of a new flow on d's bucket.
func newFlowEnv(d *Detail) flowEnv {
	st, bucket := d.store, d.bucket
	return flowEnv{
		c:      d.c,
		be:     d.be,
		bucket: bucket,
		flow:   nextMFAFlowID(),
		state: func() *awsops.BucketState {
			s, _ := st.get(bucket)
			return s
		},
		relist: d.loadObjects,
	}
}

// identity is the caller, once STS answered.
func (e flowEnv) identity() (awsops.Identity, bool) {
	if e.c.identity == nil {
		return awsops.Identity{}, false
	}
	return *e.c.identity, true
}

// snapshot copies the bucket's state for a plan, or reports it is gone.
func (e flowEnv) snapshot() (awsops.BucketState, bool) {
	s := e.state()
	if s == nil {
		return awsops.BucketState{}, false
	}
	return *s, true
}
