package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
)

// AccessLogs answers as AWS would for a bucket without logging (the fake
// holds no log objects): the viewer against real deliveries is tested
// against the sandbox (logviewer_sandbox_test.go).
func (f *fakeBackend) AccessLogs(_ context.Context, bucket string, _ awsops.LogQuery) (awsops.LogResult, error) {
	if s, ok := f.states[bucket]; ok && s.Logging != nil && s.Logging.Enabled {
		return awsops.LogResult{Target: awsops.AccessLogTarget{SourceBucket: bucket, TargetBucket: s.Logging.TargetBucket,
			TargetPrefix: s.Logging.TargetPrefix, KeyFormat: awsops.LogKeySimple}}, nil
	}
	return awsops.LogResult{}, awsops.ErrLoggingOff
}
