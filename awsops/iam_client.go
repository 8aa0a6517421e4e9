package awsops

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// iamSigningRegion is the region IAM requests are signed for: IAM is a
// global service whose single endpoint lives in the partition's first region.
func iamSigningRegion(sessionRegion string) string {
	switch {
	case strings.HasPrefix(sessionRegion, "cn-"):
		return "cn-north-1"
	case strings.HasPrefix(sessionRegion, "us-gov-"):
		return "us-gov-west-1"
	}
	return "us-east-1"
}

// iamClient returns an IAM client on the session's configuration, signed for
// the partition's IAM region and sent to the same custom endpoint as S3 (the
// sandbox serves IAM there too). It is built on each call rather than cached:
// IAM calls are rare (MFA enrollment) and the HTTP connection pool is shared
// through the configuration anyway.
func (s *Session) iamClient() *iam.Client {
	return iam.NewFromConfig(s.cfg, func(o *iam.Options) {
		o.Region = iamSigningRegion(s.cfg.Region)
		if s.endpoint != "" {
			o.BaseEndpoint = aws.String(s.endpoint)
		}
	})
}
