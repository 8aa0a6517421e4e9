package awsops

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// DownloadInput describes one object to read.
type DownloadInput struct {
	Bucket    string
	Region    string // the bucket's region; "" means the session's
	Key       string
	VersionID string // "" for the current version

	SSECKey         []byte             // the object's SSE-C key, if it is SSE-C
	Keyring         clientside.Keyring // decrypts client-side encrypted objects
	ExpectedContext map[string]string  // client-side: the encryption context the object must carry
}

// DownloadProgress is reported as the body arrives; Total is -1 when the
// endpoint sent no length.
type DownloadProgress struct {
	Bytes int64
	Total int64
}

// DownloadResult describes the object that was read.
type DownloadResult struct {
	VersionID    string
	Mode         SSEMode           // the server-side mode S3 reported
	KMSKeyARN    string            // for SSE-KMS and DSSE-KMS
	BucketKey    bool              // an S3 Bucket Key protects it
	ClientFormat clientside.Format // FormatNone unless it was encrypted client-side
	Size         int64             // plaintext bytes written
}

// Download reads an object into w, decrypting it when it is client-side
// encrypted (S3 Encryption Client V2/V3) and sending its SSE-C key when
// given (over HTTPS only). A client-side object is authenticated as a whole
// before the first byte reaches w: a wrong key or a tampered object fails
// with nothing written. Server-side encrypted objects are streamed, as S3
// decrypted and authenticated them; if the transfer breaks, w has received
// a prefix (cp writes to a temporary file that it renames only on success).
// progress (may be nil) counts bytes received from S3.
func (s *Session) Download(ctx context.Context, in DownloadInput, w io.Writer, progress func(DownloadProgress)) (DownloadResult, error) {
	if in.Bucket == "" || in.Key == "" {
		return DownloadResult{}, errors.New("download: bucket and key are required")
	}
	get := &s3.GetObjectInput{Bucket: aws.String(in.Bucket), Key: aws.String(in.Key), VersionId: optString(in.VersionID)}
	if in.SSECKey != nil {
		h, err := newSSECHeaders(in.SSECKey)
		if err != nil {
			return DownloadResult{}, fmt.Errorf("download: %w", err)
		}
		if err := s.checkSSECTransport(); err != nil {
			return DownloadResult{}, err
		}
		get.SSECustomerAlgorithm, get.SSECustomerKey, get.SSECustomerKeyMD5 = &h.algorithm, &h.key, &h.keyMD5
	}
	out, err := s.s3Client(in.Region).GetObject(ctx, get, func(o *s3.Options) {
		// Multipart objects carry no whole-object checksum to validate; the
		// SDK would log that on stderr for every such download.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	if err != nil {
		return DownloadResult{}, wrapSSECRead("s3:GetObject", in.SSECKey != nil, err)
	}
	defer out.Body.Close()

	res := DownloadResult{
		VersionID: aws.ToString(out.VersionId),
		Mode:      writtenMode(out.ServerSideEncryption, out.SSECustomerAlgorithm),
		KMSKeyARN: aws.ToString(out.SSEKMSKeyId),
		BucketKey: aws.ToBool(out.BucketKeyEnabled),
	}
	total := int64(-1)
	if out.ContentLength != nil {
		total = *out.ContentLength
	}
	body := &countingReader{r: out.Body, total: total, fn: progress}

	format, clientSide := clientside.Detect(out.Metadata)
	res.ClientFormat = format
	if !clientSide {
		n, err := io.Copy(w, body)
		res.Size = n
		if err != nil {
			return res, wrapOp("s3:GetObject", err)
		}
		if total >= 0 && n != total {
			return res, fmt.Errorf("download: received %d of %d bytes", n, total)
		}
		return res, nil
	}
	if in.Keyring == nil {
		return res, ErrKeyringRequired
	}
	plain, err := clientside.Decrypt(ctx, body, out.Metadata, in.Keyring, clientside.DecryptOptions{ExpectedContext: in.ExpectedContext})
	if err != nil {
		return res, fmt.Errorf("download: client-side decryption: %w", err)
	}
	defer clear(plain)
	n, err := w.Write(plain)
	res.Size = int64(n)
	if err != nil {
		return res, fmt.Errorf("download: writing the plaintext: %w", err)
	}
	return res, nil
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r     io.Reader
	n     int64
	total int64
	fn    func(DownloadProgress)
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.n += int64(n)
		if c.fn != nil {
			c.fn(DownloadProgress{Bytes: c.n, Total: c.total})
		}
	}
	return n, err
}
