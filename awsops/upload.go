package awsops

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

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
}

// Upload writes one object with the chosen encryption: one PutObject up to
// the multipart threshold, a multipart upload above it. Cancelling ctx stops
// it; a failed or cancelled multipart upload is aborted so no parts remain.
// SSE-C over plain HTTP is refused with ErrSSECOverHTTP before any request.
// progress (may be nil) is called one call at a time, from the upload's
// goroutines.
func (s *Session) Upload(ctx context.Context, in UploadInput, progress func(UploadProgress)) (UploadResult, error) {
	if in.Bucket == "" || in.Key == "" {
		return UploadResult{}, errors.New("upload: bucket and key are required")
	}
	sse, err := newSSEParams(in.Mode, in.KMSKeyID, in.BucketKey, in.KMSContext, in.SSECKey)
	if err != nil {
		return UploadResult{}, fmt.Errorf("upload: %w", err)
	}
	if in.Mode == SSEC {
		if err := s.checkSSECTransport(); err != nil {
			return UploadResult{}, err
		}
	}
	if in.Mode == SSEClient && in.Keyring == nil {
		return UploadResult{}, errors.New("upload: client-side encryption needs a keyring (a KMS key or a master key file)")
	}
	if in.Mode != SSEClient && (in.Keyring != nil || len(in.ClientContext) > 0) {
		return UploadResult{}, fmt.Errorf("upload: a keyring only applies to client-side encryption, not %s", modeName(in.Mode))
	}
	cfg, err := in.transferConfig()
	if err != nil {
		return UploadResult{}, err
	}

	body, size := in.Body, in.Size
	if body == nil {
		if in.Path == "" {
			return UploadResult{}, errors.New("upload: nothing to upload: give a Body or a Path")
		}
		f, err := os.Open(in.Path)
		if err != nil {
			return UploadResult{}, fmt.Errorf("upload: %w", err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return UploadResult{}, fmt.Errorf("upload: %w", err)
		}
		body, size = f, info.Size()
		if !info.Mode().IsRegular() {
			size = -1
		}
	}

	var meta map[string]string
	if in.Mode == SSEClient {
		if size < 0 {
			// The envelope records the plaintext length, so it must be known
			// before the first byte is encrypted.
			buf, err := readAtMost(body, clientBufferLimit)
			if err != nil {
				return UploadResult{}, fmt.Errorf("upload: %w", err)
			}
			if int64(len(buf)) > clientBufferLimit {
				return UploadResult{}, fmt.Errorf("upload: client-side encryption of input of unknown length is limited to %d MiB: save it to a file first", clientBufferLimit>>20)
			}
			body, size = bytes.NewReader(buf), int64(len(buf))
		}
		sealed, err := clientside.Encrypt(ctx, body, size, in.Keyring, clientside.EncryptOptions{Format: in.ClientFormat, Context: in.ClientContext})
		if err != nil {
			return UploadResult{}, fmt.Errorf("upload: client-side encryption: %w", err)
		}
		body, size, meta = sealed.Body, sealed.Size, sealed.Metadata
	}

	req := objectWrite{bucket: in.Bucket, key: in.Key, sse: sse, metadata: meta, contentType: in.ContentType}
	client := s.s3Client(in.Region)
	report := newProgressReporter(progress, size)

	// Read up to the threshold: a body that ends there is one PutObject.
	first, err := readAtMost(body, cfg.threshold)
	if err != nil {
		return UploadResult{}, fmt.Errorf("upload: reading the content: %w", err)
	}
	var res UploadResult
	if int64(len(first)) <= cfg.threshold {
		if size >= 0 && int64(len(first)) != size {
			return UploadResult{}, fmt.Errorf("upload: the content is %d bytes, not the %d announced", len(first), size)
		}
		report.update(0, 0)
		res, err = s.putSingle(ctx, client, req, first)
		if err == nil {
			report.update(int64(len(first)), 0)
		}
	} else {
		res, err = s.putMultipart(ctx, client, req, io.MultiReader(bytes.NewReader(first), body), size, cfg, report)
	}
	if err != nil {
		return UploadResult{}, err
	}
	if in.Mode == SSEClient {
		res.ClientFormat, _ = clientside.Detect(meta)
	}
	return res, nil
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

// readAtMost reads until EOF or limit+1 bytes, so the caller can tell
// "ended within the limit" from "goes on".
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, limit+1))
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

// progressReporter serialises progress calls and keeps the totals.
type progressReporter struct {
	fn    func(UploadProgress)
	total int64
	mu    sync.Mutex // held during fn, so calls never overlap
	bytes int64
	parts int
}

// newProgressReporter wraps fn (which may be nil).
func newProgressReporter(fn func(UploadProgress), total int64) *progressReporter {
	return &progressReporter{fn: fn, total: total}
}

// update adds bytes and parts and reports the new totals.
func (p *progressReporter) update(bytes int64, parts int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes += bytes
	p.parts += parts
	if p.fn != nil {
		p.fn(UploadProgress{Bytes: p.bytes, Total: p.total, Parts: p.parts})
	}
}
