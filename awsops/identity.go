package awsops

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Identity is who the session's credentials belong to.
type Identity struct {
	Account string
	ARN     string
	UserID  string
	IsRoot  bool // the account's root user: the only one who may change MFA Delete
}

// Identity asks STS GetCallerIdentity, which needs no permission.
func (s *Session) Identity(ctx context.Context) (Identity, error) {
	var out *sts.GetCallerIdentityOutput
	err := s.bounded(ctx, "GetCallerIdentity", func(ctx context.Context) (err error) {
		out, err = s.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	})
	if err != nil {
		return Identity{}, wrapOp("sts:GetCallerIdentity", err)
	}
	arn := aws.ToString(out.Arn)
	return Identity{
		Account: aws.ToString(out.Account),
		ARN:     arn,
		UserID:  aws.ToString(out.UserId),
		IsRoot:  IsRootARN(arn),
	}, nil
}

// IsRootARN reports whether an ARN is an account's root user ("arn:aws:iam::123456789012:root").
func IsRootARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:") && strings.HasSuffix(arn, ":root")
}
