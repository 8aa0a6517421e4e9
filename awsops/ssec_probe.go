package awsops

import (
	"bytes"
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ProbeSSECPut sends one PutObject with an SSE-C key on whatever transport
// the session uses, without Upload's local refusal of plain HTTP, so the
// demo tour can show S3's own answer: over HTTP S3 refuses the request (and
// the key has crossed the network in the clear, which is why it must be
// rotated). Only the demo tour calls it, against the sandbox; the key is a
// throw-away demo key.
func (s *Session) ProbeSSECPut(ctx context.Context, bucket, region, key string, body, ssecKey []byte) error {
	h, err := newSSECHeaders(ssecKey)
	if err != nil {
		return err
	}
	_, err = s.s3Client(region).PutObject(ctx, &s3.PutObjectInput{
		Bucket:               aws.String(bucket),
		Key:                  aws.String(key),
		Body:                 bytes.NewReader(body),
		SSECustomerAlgorithm: aws.String(h.algorithm),
		SSECustomerKey:       aws.String(h.key),
		SSECustomerKeyMD5:    aws.String(h.keyMD5),
	})
	return wrapOp("s3:PutObject", err)
}
