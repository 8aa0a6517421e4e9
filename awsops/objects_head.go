package awsops

import (
	"context"
	"net/http"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// ObjectRef names one object, or one version of it.
type ObjectRef struct {
	Key       string
	VersionID string // "" for the current version
}

// ObjectEncryption is how one object is encrypted, as HeadObject shows it.
type ObjectEncryption struct {
	Key          string
	VersionID    string            // as requested, or as S3 reported it
	Mode         SSEMode           // server-side mode; SSEC when S3 refused the keyless HEAD with 400
	KMSKeyARN    string            // SSE-KMS / DSSE-KMS key
	BucketKey    bool              // an S3 Bucket Key protects it
	ClientFormat clientside.Format // S3 Encryption Client format; FormatNone if not client-side encrypted
	Size         int64             // bytes stored; 0 when unknown (SSE-C)
	Err          *FacetError       // the HEAD failed for another reason; Mode is then ""
}

// Label sums the encryption up for a table cell: "SSE-KMS + bucket key",
// "S3EC V2 over SSE-S3", "SSE-C".
func (o ObjectEncryption) Label() string {
	if o.Err != nil {
		return o.Err.Code
	}
	s := string(o.Mode)
	if o.BucketKey {
		s += " + bucket key"
	}
	if o.ClientFormat != clientside.FormatNone {
		return o.ClientFormat.String() + " over " + s
	}
	return s
}

// headParallel bounds the concurrent HeadObject calls of HeadObjects.
const headParallel = 8

// HeadObjects reads the encryption of each object with HeadObject, a few at
// a time, and returns the results in the order of refs. An SSE-C object
// cannot be read without its key: S3 answers the HEAD with a bare 400,
// which is reported as Mode SSEC rather than as an error.
func (s *Session) HeadObjects(ctx context.Context, bucket, region string, refs []ObjectRef) []ObjectEncryption {
	out := make([]ObjectEncryption, len(refs))
	c := s.s3Client(region)
	sem := make(chan struct{}, headParallel)
	var wg sync.WaitGroup
	for i, ref := range refs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			out[i] = headObject(ctx, c, bucket, ref)
		})
	}
	wg.Wait()
	return out
}

// headObject reads one object's encryption.
func headObject(ctx context.Context, c *s3.Client, bucket string, ref ObjectRef) ObjectEncryption {
	res := ObjectEncryption{Key: ref.Key, VersionID: ref.VersionID}
	out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(ref.Key), VersionId: optString(ref.VersionID)})
	if err != nil {
		if httpStatus(err) == http.StatusBadRequest {
			// S3-BEHAVIOR §2.6: a keyless HEAD of an SSE-C object is a bare 400.
			res.Mode = SSEC
			return res
		}
		res.Err = Classify(err)
		return res
	}
	res.Mode = writtenMode(out.ServerSideEncryption, out.SSECustomerAlgorithm)
	res.KMSKeyARN = aws.ToString(out.SSEKMSKeyId)
	res.BucketKey = aws.ToBool(out.BucketKeyEnabled)
	res.Size = aws.ToInt64(out.ContentLength)
	if v := aws.ToString(out.VersionId); v != "" {
		res.VersionID = v
	}
	res.ClientFormat, _ = clientside.Detect(out.Metadata)
	return res
}
