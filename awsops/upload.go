package awsops

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// Upload sizes. Everything up to the threshold goes in one PutObject whose
// body is held in memory (a seekable body, so the SDK can sign it and retry
// over plain HTTP too); above it, a multipart upload whose memory is bounded
// by Concurrency × PartSize.
const (
	DefaultMultipartThreshold int64 = 16 << 20
	DefaultPartSize           int64 = 8 << 20
	DefaultUploadConcurrency        = 4
	minPartSize               int64 = 5 << 20 // S3's minimum for every part but the last
	maxParts                        = 10000   // S3's maximum part count
	// clientBufferLimit caps how much plaintext of unknown length (stdin) is
	// held in memory for client-side encryption, which needs the size first.
	clientBufferLimit int64 = 64 << 20
)

// UploadInput describes one object to upload.
type UploadInput struct {
	Bucket string
	Region string // the bucket's region; "" means the session's
	Key    string

	Body io.Reader // the content; when nil, Path is read
	Path string    // a local file to upload when Body is nil
	Size int64     // Body's length in bytes, or -1 when unknown (a pipe); ignored with Path

	Mode       SSEMode           // SSEDefault leaves encryption to the bucket default
	KMSKeyID   string            // SSE-KMS/DSSE-KMS: key id, ARN or alias; "" means aws/s3
	BucketKey  *bool             // SSE-KMS: override the bucket's bucket-key setting; nil keeps it
	KMSContext map[string]string // SSE-KMS/DSSE-KMS: extra encryption context pairs
	SSECKey    []byte            // SSE-C: the 32-byte key; never stored, logged or shown

	Keyring       clientside.Keyring // client mode: wraps the data key (see Session.KMSKeyring, clientside.NewAESKeyring)
	ClientFormat  clientside.Format  // client mode: FormatV2 (default) or FormatV3
	ClientContext map[string]string  // client mode: encryption context / material description

	ContentType string // optional Content-Type

	MultipartThreshold int64 // 0 means DefaultMultipartThreshold
	PartSize           int64 // 0 means DefaultPartSize; at least 5 MiB
	Concurrency        int   // parts in flight; 0 means DefaultUploadConcurrency
}

// UploadProgress is reported as an upload advances. Bytes and Total count
// what is sent to S3 (for client-side encryption, the ciphertext: 16 bytes
// more than the plaintext); Total is -1 while the length is unknown.
type UploadProgress struct {
	Bytes int64
	Total int64
	Parts int // parts completed; 0 for a single PutObject
}

// UploadResult is what S3 reported for the new object.
type UploadResult struct {
	ETag         string
	VersionID    string            // "" when the bucket is not versioned
	Mode         SSEMode           // the server-side mode S3 applied
	KMSKeyARN    string            // for SSE-KMS and DSSE-KMS
	BucketKey    bool              // an S3 Bucket Key was used
	SSECKeyMD5   string            // for SSE-C: identifies the key without revealing it
	ClientFormat clientside.Format // FormatNone unless encrypted client-side
	Size         int64             // bytes stored
	Parts        int               // 0 for a single PutObject
	// EncryptionCheck is the object read back (HeadObject) when a
	// server-side mode was requested: a failure means the endpoint accepted
	// the SSE headers but stored the object unencrypted (upload_verify.go).
	EncryptionCheck *CheckResult
}

// Upload writes one object with the chosen encryption: one PutObject up to
// the multipart threshold, a multipart upload above it. Cancelling ctx stops
// it; a failed or cancelled multipart upload is aborted so no parts remain.
// SSE-C over plain HTTP is refused with ErrSSECOverHTTP before any request.
// progress (may be nil) is called one call at a time, from the upload's
// goroutines.
func (s *Session) Upload(ctx context.Context, in UploadInput, progress func(UploadProgress)) (UploadResult, error) {
	sse, cfg, err := s.checkUpload(in)
	if err != nil {
		return UploadResult{}, err
	}
	body, size, closeSource, err := in.source()
	if err != nil {
		return UploadResult{}, err
	}
	defer closeSource()
	var meta map[string]string
	if in.Mode == SSEClient {
		if body, size, meta, err = sealClientSide(ctx, in, body, size); err != nil {
			return UploadResult{}, err
		}
	}
	req := objectWrite{bucket: in.Bucket, key: in.Key, sse: sse, metadata: meta, contentType: in.ContentType}
	rep := newProgressReporter(progress, size)
	rep.update(0, 0) // the size is known now: say it before the first part is sent
	res, err := s.send(ctx, s.s3Client(in.Region), req, body, size, cfg, rep)
	if err != nil {
		return UploadResult{}, err
	}
	if in.Mode == SSEClient {
		res.ClientFormat, _ = clientside.Detect(meta)
	}
	res.EncryptionCheck = uploadEncryptionCheck(ctx, s.s3Client(in.Region), in, res)
	return res, nil
}

// checkUpload validates everything about an upload that can be checked
// without sending anything, the HTTPS rule for SSE-C included.
func (s *Session) checkUpload(in UploadInput) (sseParams, transferSettings, error) {
	if in.Bucket == "" || in.Key == "" {
		return sseParams{}, transferSettings{}, errors.New("upload: bucket and key are required")
	}
	sse, err := newSSEParams(in.Mode, in.KMSKeyID, in.BucketKey, in.KMSContext, in.SSECKey)
	if err != nil {
		return sse, transferSettings{}, fmt.Errorf("upload: %w", err)
	}
	if in.Mode == SSEC {
		if err := s.checkSSECTransport(); err != nil {
			return sse, transferSettings{}, err
		}
	}
	if in.Mode == SSEClient && in.Keyring == nil {
		return sse, transferSettings{}, errors.New("upload: client-side encryption needs a keyring (a KMS key or a master key file)")
	}
	if in.Mode != SSEClient && (in.Keyring != nil || len(in.ClientContext) > 0) {
		return sse, transferSettings{}, fmt.Errorf("upload: a keyring only applies to client-side encryption, not %s", modeName(in.Mode))
	}
	cfg, err := in.transferConfig()
	return sse, cfg, err
}

// source opens the content: Body as given, or the file at Path (whose size
// is known unless it is not a regular file). The returned func closes it.
func (in UploadInput) source() (io.Reader, int64, func(), error) {
	if in.Body != nil {
		return in.Body, in.Size, func() {}, nil
	}
	if in.Path == "" {
		return nil, 0, nil, errors.New("upload: nothing to upload: give a Body or a Path")
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("upload: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, nil, fmt.Errorf("upload: %w", err)
	}
	size := info.Size()
	if !info.Mode().IsRegular() {
		size = -1
	}
	return f, size, func() { f.Close() }, nil
}

// sealClientSide encrypts the content as an S3 Encryption Client object and
// returns the ciphertext stream, its size and the envelope metadata. The
// envelope records the plaintext length, so content of unknown length is
// first read into memory (up to clientBufferLimit).
func sealClientSide(ctx context.Context, in UploadInput, body io.Reader, size int64) (io.Reader, int64, map[string]string, error) {
	if size < 0 {
		buf, err := readAtMost(body, clientBufferLimit)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("upload: %w", err)
		}
		if int64(len(buf)) > clientBufferLimit {
			return nil, 0, nil, fmt.Errorf("upload: client-side encryption of input of unknown length is limited to %d MiB: save it to a file first", clientBufferLimit>>20)
		}
		body, size = bytes.NewReader(buf), int64(len(buf))
	}
	sealed, err := clientside.Encrypt(ctx, body, size, in.Keyring, clientside.EncryptOptions{Format: in.ClientFormat, Context: in.ClientContext})
	if err != nil {
		return nil, 0, nil, fmt.Errorf("upload: client-side encryption: %w", err)
	}
	return sealed.Body, sealed.Size, sealed.Metadata, nil
}

// send uploads size bytes of body (-1: unknown) in one PutObject or in
// parts. A known small size is read exactly; an unknown one up to the
// threshold, and a body that ends there is one PutObject too.
func (s *Session) send(ctx context.Context, c *s3.Client, req objectWrite, body io.Reader, size int64, cfg transferSettings, report *progressReporter) (UploadResult, error) {
	if size > cfg.threshold {
		return s.putMultipart(ctx, c, req, &exactReader{r: body, remaining: size, size: size}, size, cfg, report)
	}
	limit := cfg.threshold
	if size >= 0 {
		limit = size
	}
	first, err := readPrefix(body, limit)
	switch {
	case err != nil:
		return UploadResult{}, fmt.Errorf("upload: reading the content: %w", err)
	case size >= 0 && int64(len(first)) != size:
		return UploadResult{}, fmt.Errorf("upload: the content is %s, not the %d bytes announced", describeLength(int64(len(first)), size), size)
	case int64(len(first)) > limit:
		return s.putMultipart(ctx, c, req, io.MultiReader(bytes.NewReader(first), body), size, cfg, report)
	}
	report.update(0, 0)
	res, err := s.putSingle(ctx, c, req, first)
	if err == nil {
		report.update(int64(len(first)), 0)
	}
	return res, err
}

// transferSettings are an upload's sizes after defaults and S3's limits.
type transferSettings struct {
	threshold   int64
	partSize    int64
	concurrency int
}

// transferConfig applies the defaults and checks S3's part size limits.
func (in UploadInput) transferConfig() (transferSettings, error) {
	c := transferSettings{threshold: in.MultipartThreshold, partSize: in.PartSize, concurrency: in.Concurrency}
	if c.threshold <= 0 {
		c.threshold = DefaultMultipartThreshold
	}
	if c.partSize <= 0 {
		c.partSize = DefaultPartSize
	}
	if c.concurrency <= 0 {
		c.concurrency = DefaultUploadConcurrency
	}
	if c.partSize < minPartSize {
		return c, fmt.Errorf("upload: parts must be at least %d MiB (S3's minimum)", minPartSize>>20)
	}
	return c, nil
}

// objectWrite is what every request of one upload shares.
type objectWrite struct {
	bucket, key string
	sse         sseParams
	metadata    map[string]string
	contentType string
}

// putSingle uploads body with one PutObject.
func (s *Session) putSingle(ctx context.Context, c *s3.Client, w objectWrite, body []byte) (UploadResult, error) {
	in := &s3.PutObjectInput{
		Bucket:        aws.String(w.bucket),
		Key:           aws.String(w.key),
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		Metadata:      w.metadata,
		ContentType:   optString(w.contentType),
	}
	w.sse.putObject(in)
	out, err := c.PutObject(ctx, in)
	if err != nil {
		return UploadResult{}, wrapOp("s3:PutObject", err)
	}
	return UploadResult{
		ETag:       aws.ToString(out.ETag),
		VersionID:  aws.ToString(out.VersionId),
		Mode:       writtenMode(out.ServerSideEncryption, out.SSECustomerAlgorithm),
		KMSKeyARN:  aws.ToString(out.SSEKMSKeyId),
		BucketKey:  aws.ToBool(out.BucketKeyEnabled),
		SSECKeyMD5: aws.ToString(out.SSECustomerKeyMD5),
		Size:       int64(len(body)),
	}, nil
}

// writtenMode is the mode a write response reports: SSE-C objects carry the
// customer algorithm header instead of x-amz-server-side-encryption.
func writtenMode(sse types.ServerSideEncryption, customerAlg *string) SSEMode {
	if aws.ToString(customerAlg) != "" {
		return SSEC
	}
	return modeOfHeader(sse)
}
