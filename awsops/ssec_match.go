package awsops

import (
	"context"
	"net/http"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// MatchSSECKey tells which of the SSE-C objects refs were written with key:
// HeadObject with the key succeeds, and S3 echoes the key's MD5
// (x-amz-server-side-encryption-customer-key-MD5), for those only; S3
// answers 403 for the others. Objects written with different keys thus
// get their keys one by one, each named by its MD5, never by the key.
// fits[i] is about refs[i]; err is the first answer that was neither.
func (s *Session) MatchSSECKey(ctx context.Context, bucket, region string, refs []ObjectRef, key []byte) (fits []bool, err error) {
	if err := s.checkSSECTransport(); err != nil {
		return nil, err
	}
	h, err := newSSECHeaders(key)
	if err != nil {
		return nil, err
	}
	c := s.s3Client(region)
	fits = make([]bool, len(refs))
	errs := make([]error, len(refs))
	sem := make(chan struct{}, headParallel)
	var wg sync.WaitGroup
	for i, ref := range refs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			out, err := c.HeadObject(ctx, &s3.HeadObjectInput{
				Bucket: aws.String(bucket), Key: aws.String(ref.Key), VersionId: optString(ref.VersionID),
				SSECustomerAlgorithm: &h.algorithm, SSECustomerKey: &h.key, SSECustomerKeyMD5: &h.keyMD5,
			})
			switch {
			case err == nil:
				fits[i] = aws.ToString(out.SSECustomerKeyMD5) == h.keyMD5
			case httpStatus(err) == http.StatusForbidden:
			default:
				errs[i] = wrapOp("s3:HeadObject", err)
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return fits, e
		}
	}
	return fits, nil
}
