package awsops

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// abortTimeout bounds the clean-up of a failed upload, which runs even
// when the upload's own context was cancelled.
const abortTimeout = 30 * time.Second

// putMultipart uploads body as a multipart upload of size bytes (-1 when
// unknown). Parts carry CRC32 checksums, as the SDK's transfer manager
// sends them, so S3 verifies each part and the assembled object. On any
// failure or cancellation the upload is aborted once every part in flight
// has returned, so that no part is left behind to be stored and billed.
func (s *Session) putMultipart(ctx context.Context, c *s3.Client, w objectWrite, body io.Reader, size int64, cfg transferSettings, report *progressReporter) (UploadResult, error) {
	partSize := cfg.partSize
	if size > 0 {
		// Grow the parts (in whole MiB) so that the object fits in 10,000 of them.
		if need := (size + maxParts - 1) / maxParts; need > partSize {
			partSize = (need + 1<<20 - 1) &^ (1<<20 - 1)
		}
	}
	create := &s3.CreateMultipartUploadInput{
		Bucket:            aws.String(w.bucket),
		Key:               aws.String(w.key),
		Metadata:          w.metadata,
		ContentType:       optString(w.contentType),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
	}
	w.sse.createMultipart(create)
	created, err := c.CreateMultipartUpload(ctx, create)
	if err != nil {
		return UploadResult{}, wrapOp("s3:CreateMultipartUpload", err)
	}
	uploadID := aws.ToString(created.UploadId)
	parts, sent, err := s.uploadParts(ctx, c, w, uploadID, body, size, partSize, cfg.concurrency, report)
	if err == nil {
		complete := &s3.CompleteMultipartUploadInput{
			Bucket:          aws.String(w.bucket),
			Key:             aws.String(w.key),
			UploadId:        aws.String(uploadID),
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
		}
		w.sse.completeMultipart(complete)
		out, cerr := c.CompleteMultipartUpload(ctx, complete)
		if cerr == nil {
			return UploadResult{
				ETag:       aws.ToString(out.ETag),
				VersionID:  aws.ToString(out.VersionId),
				Mode:       writtenMode(out.ServerSideEncryption, created.SSECustomerAlgorithm),
				KMSKeyARN:  aws.ToString(out.SSEKMSKeyId),
				BucketKey:  aws.ToBool(out.BucketKeyEnabled),
				SSECKeyMD5: aws.ToString(created.SSECustomerKeyMD5),
				Size:       sent,
				Parts:      len(parts),
			}, nil
		}
		err = wrapOp("s3:CompleteMultipartUpload", cerr)
	}
	if aerr := s.abortUpload(ctx, c, w, uploadID); aerr != nil {
		return UploadResult{}, errors.Join(err, aerr)
	}
	return UploadResult{}, err
}

// partJob is one part read from the body, waiting for a worker.
type partJob struct {
	number int32
	data   []byte
}

// uploadParts reads the body part by part and uploads the parts with
// bounded concurrency. At most concurrency part buffers exist at any time:
// a buffer is only reused once its part has been uploaded. It returns the
// completed parts in order and the number of bytes sent.
func (s *Session) uploadParts(ctx context.Context, c *s3.Client, w objectWrite, uploadID string, body io.Reader, size, partSize int64, concurrency int, report *progressReporter) ([]types.CompletedPart, int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		mu        sync.Mutex
		firstErr  error
		completed []types.CompletedPart
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}

	free := make(chan []byte, concurrency) // part buffers, allocated on first use
	for range concurrency {
		free <- nil
	}
	jobs := make(chan partJob)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			for job := range jobs {
				part, err := s.uploadPart(ctx, c, w, uploadID, job)
				free <- job.data[:cap(job.data)]
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				completed = append(completed, part)
				mu.Unlock()
				report.update(int64(len(job.data)), 1)
			}
		})
	}

	var sent int64
	var number int32
read:
	for {
		var buf []byte
		select {
		case buf = <-free:
		case <-ctx.Done():
			break read
		}
		if buf == nil {
			buf = make([]byte, partSize)
		}
		n, rerr := io.ReadFull(body, buf[:partSize])
		if n > 0 {
			if number++; number > maxParts {
				fail(fmt.Errorf("upload: the content needs more than %d parts of %d MiB; use larger parts", maxParts, partSize>>20))
				break
			}
			sent += int64(n)
			select {
			case jobs <- partJob{number: number, data: buf[:n]}:
			case <-ctx.Done():
				break read
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			fail(fmt.Errorf("upload: reading the content: %w", rerr))
			break
		}
	}
	close(jobs)
	wg.Wait()

	if firstErr == nil && ctx.Err() != nil {
		// Cancelled by the caller: classify it like a cancelled call.
		firstErr = wrapOp("s3:UploadPart", context.Cause(ctx))
	}
	if firstErr == nil && size >= 0 && sent != size {
		firstErr = fmt.Errorf("upload: the content is %d bytes, not the %d announced", sent, size)
	}
	if firstErr != nil {
		return nil, sent, firstErr
	}
	slices.SortFunc(completed, func(a, b types.CompletedPart) int { return int(aws.ToInt32(a.PartNumber) - aws.ToInt32(b.PartNumber)) })
	return completed, sent, nil
}

// uploadPart sends one part with its CRC32, computed here so that the value
// for CompleteMultipartUpload is known whatever the endpoint echoes.
func (s *Session) uploadPart(ctx context.Context, c *s3.Client, w objectWrite, uploadID string, job partJob) (types.CompletedPart, error) {
	sum := crc32Base64(job.data)
	in := &s3.UploadPartInput{
		Bucket:        aws.String(w.bucket),
		Key:           aws.String(w.key),
		UploadId:      aws.String(uploadID),
		PartNumber:    aws.Int32(job.number),
		Body:          bytes.NewReader(job.data),
		ContentLength: aws.Int64(int64(len(job.data))),
		ChecksumCRC32: aws.String(sum),
	}
	w.sse.uploadPart(in)
	out, err := c.UploadPart(ctx, in)
	if err != nil {
		return types.CompletedPart{}, wrapOp(fmt.Sprintf("s3:UploadPart (part %d)", job.number), err)
	}
	return types.CompletedPart{PartNumber: aws.Int32(job.number), ETag: out.ETag, ChecksumCRC32: aws.String(sum)}, nil
}

// crc32Base64 is the x-amz-checksum-crc32 value of data: the big-endian
// IEEE CRC32, base64-encoded.
func crc32Base64(data []byte) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], crc32.ChecksumIEEE(data))
	return base64.StdEncoding.EncodeToString(b[:])
}

// abortUpload removes an unfinished upload and its parts. It runs on a
// context of its own: the caller's may be the one that was cancelled.
func (s *Session) abortUpload(ctx context.Context, c *s3.Client, w objectWrite, uploadID string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	_, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
		Bucket: aws.String(w.bucket), Key: aws.String(w.key), UploadId: aws.String(uploadID),
	})
	if err != nil {
		return fmt.Errorf("the incomplete upload could not be aborted and its parts are still stored "+
			"(remove them with: aws s3api abort-multipart-upload --bucket %s --key %s --upload-id %s): %w",
			shellArg(w.bucket), shellArg(w.key), shellArg(uploadID), wrapOp("s3:AbortMultipartUpload", err))
	}
	return nil
}
