package awsops

import (
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// StoredObject is an object as S3 holds it, without any client-side
// decryption: what anyone with s3:GetObject (or a leaked copy) would get.
type StoredObject struct {
	Size     int64
	Head     []byte            // the first bytes of the stored body
	Metadata map[string]string // user metadata (x-amz-meta-*), as S3 returns it
	Mode     SSEMode           // the server-side encryption S3 applied
}

// StoredObject reads up to limit bytes of an object's stored body and its
// metadata with one plain GetObject: for a client-side encrypted object
// that is ciphertext and the wrapped data key, which is the point of
// showing it (the demo tour). It is a read; nothing is decrypted.
func (s *Session) StoredObject(ctx context.Context, bucket, region, key string, limit int64) (StoredObject, error) {
	out, err := s.s3Client(region).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return StoredObject{}, wrapOp("s3:GetObject", err)
	}
	defer out.Body.Close()
	head, err := io.ReadAll(io.LimitReader(out.Body, limit))
	if err != nil {
		return StoredObject{}, wrapOp("s3:GetObject", err)
	}
	return StoredObject{
		Size:     aws.ToInt64(out.ContentLength),
		Head:     head,
		Metadata: out.Metadata,
		Mode:     modeOfHeader(out.ServerSideEncryption),
	}, nil
}
