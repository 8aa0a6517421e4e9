package awsops

import "context"

// BucketRegion finds the region of a bucket (GetBucketLocation, falling back
// to the x-amz-bucket-region header of HeadBucket), so that its requests can
// be signed for it: S3 refuses a request signed for another region.
func (s *Session) BucketRegion(ctx context.Context, bucket string) (string, error) {
	var r string
	err := s.bounded(ctx, "GetBucketLocation", func(ctx context.Context) (err error) {
		r, err = s.readRegion(ctx, bucket)
		return err
	})
	if err != nil {
		return "", wrapOp("s3:GetBucketLocation", err)
	}
	return r, nil
}
