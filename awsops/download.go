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

	// DiscardsOnError says that w is a staging file the caller deletes when
	// Download fails (cp and the console write to a temporary file they
	// rename only on success). A client-side object is then decrypted
	// straight into w as it arrives and authenticated at the end. Otherwise
	// (stdout, a pipe) nothing may reach w before the object is
	// authenticated: its ciphertext is first spooled to a temporary file
	// (in os.TempDir, removed on return), verified, then decrypted into w.
	DiscardsOnError bool

	PartSize    int64 // bytes per ranged GET; 0 means DefaultDownloadPartSize
	Concurrency int   // ranged GETs in flight; 0 means DefaultDownloadConcurrency, 1 one plain GET
}

// DownloadProgress is reported as the body arrives; Total is -1 when the
// endpoint sent no length.
type DownloadProgress struct {
	Bytes int64
	Total int64
	// Held is true when the object is client-side encrypted and w cannot be
	// discarded: nothing is written until the whole object has arrived and
	// been authenticated.
	Held bool
}

// DownloadResult describes the object that was read.
type DownloadResult struct {
	VersionID    string
	Mode         SSEMode           // the server-side mode S3 reported
	KMSKeyARN    string            // for SSE-KMS and DSSE-KMS
	BucketKey    bool              // an S3 Bucket Key protects it
	ClientFormat clientside.Format // FormatNone unless it was encrypted client-side
	Size         int64             // plaintext bytes written
	Requests     int               // GETs sent for the body: 1, or one per part read
}

// Download reads an object into w, decrypting it when it is client-side
// encrypted (S3 Encryption Client V2/V3) and sending its SSE-C key when
// given (over HTTPS only). An object larger than one part is read with
// concurrent ranged GETs pinned to the first part's ETag and version, and
// written in order; memory stays bounded by Concurrency × PartSize.
//
// A client-side object is decrypted as a stream and authenticated when its
// end arrives: with DiscardsOnError the plaintext reaches w before that
// (the caller must discard w on error); without it nothing reaches w
// unless the object authenticates. Server-side encrypted objects are
// streamed, as S3 decrypted and authenticated them; if the transfer
// breaks, w has received a prefix. progress (may be nil) counts bytes
// received from S3.
func (s *Session) Download(ctx context.Context, in DownloadInput, w io.Writer, progress func(DownloadProgress)) (res DownloadResult, err error) {
	if in.Bucket == "" || in.Key == "" {
		return DownloadResult{}, errors.New("download: bucket and key are required")
	}
	cfg, err := in.downloadConfig()
	if err != nil {
		return DownloadResult{}, err
	}
	get := s3.GetObjectInput{Bucket: aws.String(in.Bucket), Key: aws.String(in.Key), VersionId: optString(in.VersionID)}
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
	c := s.s3Client(in.Region)
	out, total, err := firstGet(ctx, c, get, cfg, in.SSECKey != nil)
	if err != nil {
		return DownloadResult{}, err
	}
	res = DownloadResult{
		VersionID: aws.ToString(out.VersionId),
		Mode:      writtenMode(out.ServerSideEncryption, out.SSECustomerAlgorithm),
		KMSKeyARN: aws.ToString(out.SSEKMSKeyId),
		BucketKey: aws.ToBool(out.BucketKeyEnabled),
		Requests:  1,
	}
	var body io.ReadCloser = out.Body
	if first := aws.ToInt64(out.ContentLength); out.ContentRange != nil && total > first && first > 0 {
		// Pin the later parts to the object the first part came from.
		pinned := get
		pinned.IfMatch = out.ETag
		if v := aws.ToString(out.VersionId); v != "" && v != "null" {
			pinned.VersionId = out.VersionId
		}
		pr := newPartReader(ctx, partFetcher{client: c, get: pinned, sentKey: in.SSECKey != nil}, out.Body, first, total, cfg)
		body = pr
		defer func() { res.Requests = 1 + int(pr.fetches.Load()) }() // after Close: every fetch has returned
	}
	defer body.Close()

	format, clientSide := clientside.Detect(out.Metadata)
	res.ClientFormat = format
	held := clientSide && !in.DiscardsOnError
	counted := &countingReader{r: body, total: total, fn: progress, held: held}
	if !clientSide {
		n, err := io.Copy(w, counted)
		res.Size = n
		if err != nil {
			return res, counted.failure(err, "download: writing the object")
		}
		if total >= 0 && n != total {
			return res, fmt.Errorf("download: received %d of %d bytes", n, total)
		}
		return res, nil
	}
	if in.Keyring == nil {
		return res, ErrKeyringRequired
	}
	// The envelope (and a V3 key commitment) is checked before the body is read.
	opened, err := clientside.OpenEnvelope(ctx, out.Metadata, in.Keyring, clientside.DecryptOptions{ExpectedContext: in.ExpectedContext})
	if err != nil {
		return res, fmt.Errorf("download: client-side decryption: %w", err)
	}
	defer opened.Close()
	if held {
		res.Size, err = decryptHeld(opened, counted, w)
	} else {
		res.Size, err = opened.DecryptTo(w, counted)
		if err != nil && counted.err != nil {
			return res, counted.failure(err, "")
		}
	}
	if err != nil {
		return res, fmt.Errorf("download: client-side decryption: %w", err)
	}
	return res, nil
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r     io.Reader
	n     int64
	total int64
	held  bool
	fn    func(DownloadProgress)
	err   error // the first read error other than io.EOF
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	if n > 0 {
		c.n += int64(n)
		if c.fn != nil {
			c.fn(DownloadProgress{Bytes: c.n, Total: c.total, Held: c.held})
		}
	}
	return n, err
}

// failure explains an io.Copy error from this reader to a writer: the
// reader's own error (the transfer), classified unless partReader already
// did, or else the writer's, prefixed with what was being written.
func (c *countingReader) failure(err error, writing string) error {
	if c.err == nil {
		return fmt.Errorf("%s: %w", writing, err)
	}
	var done *partError
	if errors.As(c.err, &done) {
		return done.err
	}
	return wrapOp("s3:GetObject", c.err)
}
