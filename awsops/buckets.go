package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Buckets lists the account's buckets, following continuation tokens.
// Region is filled from BucketRegion when the endpoint sends it.
func (s *Session) Buckets(ctx context.Context) ([]Bucket, error) {
	// No MaxBuckets: AWS then returns every bucket of a normal account in
	// one page (and a token beyond its quota), while some emulators (moto)
	// truncate at MaxBuckets without ever sending a token.
	p := s3.NewListBucketsPaginator(s.s3Client(""), &s3.ListBucketsInput{})
	var out []Bucket
	for p.HasMorePages() {
		// Each page is bounded on its own: an account's list may take many.
		var page *s3.ListBucketsOutput
		err := s.bounded(ctx, "ListBuckets", func(ctx context.Context) (err error) {
			page, err = p.NextPage(ctx)
			return err
		})
		if err != nil {
			return nil, wrapOp("s3:ListBuckets", err)
		}
		for _, b := range page.Buckets {
			out = append(out, Bucket{
				Name:         aws.ToString(b.Name),
				Region:       aws.ToString(b.BucketRegion),
				CreationDate: aws.ToTime(b.CreationDate),
			})
		}
	}
	return out, nil
}
