package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
)

// ProbeLogTarget knows the fake's buckets; any other name does not exist.
func (f *fakeBackend) ProbeLogTarget(_ context.Context, target, _, _ string, known bool) awsops.LogTargetProbe {
	if _, ok := f.states[target]; ok || known {
		return awsops.LogTargetProbe{}
	}
	return awsops.LogTargetProbe{Missing: true}
}
