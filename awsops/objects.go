package awsops

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// ObjectSummary is one key of a ListObjectsV2 page.
type ObjectSummary struct {
	Key          string    // object key
	Size         int64     // bytes
	LastModified time.Time // time of the last write
	ETag         string    // as sent, with its quotes
	StorageClass string    // e.g. STANDARD
}

// ObjectPage is one page of ListObjectsV2. NextToken is "" on the last page.
type ObjectPage struct {
	Objects   []ObjectSummary // in key order
	NextToken string          // continuation token of the next page
}

// ObjectVersion is one version or delete marker of a ListObjectVersions page.
type ObjectVersion struct {
	Key            string    // object key
	VersionID      string    // "null" for objects written while versioning was off or suspended
	IsLatest       bool      // the current version of the key
	IsDeleteMarker bool      // a delete marker rather than data
	Size           int64     // bytes; 0 for delete markers
	LastModified   time.Time // time of the write or the delete
}

// VersionPage is one page of ListObjectVersions: versions and delete
// markers interleaved in key order, newest first within a key, as S3 sends
// them. Both markers are "" on the last page.
type VersionPage struct {
	Versions            []ObjectVersion // versions and delete markers, in S3's order
	NextKeyMarker       string          // key marker of the next page
	NextVersionIDMarker string          // version id marker of the next page
}

// ListObjects reads one page of ListObjectsV2: at most max keys under
// prefix, starting at the continuation token ("" for the first page). The
// bucket's region picks the client, so the request is signed for it.
func (s *Session) ListObjects(ctx context.Context, bucket, region, prefix, token string, max int32) (ObjectPage, error) {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), EncodingType: types.EncodingTypeUrl}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if token != "" {
		in.ContinuationToken = aws.String(token)
	}
	if max > 0 {
		in.MaxKeys = aws.Int32(max)
	}
	out, err := s.s3Client(region).ListObjectsV2(ctx, in)
	if err != nil {
		return ObjectPage{}, wrapOp("s3:ListObjectsV2", err)
	}
	dec := newKeyDecoder(out.EncodingType)
	page := ObjectPage{Objects: make([]ObjectSummary, 0, len(out.Contents))}
	for _, o := range out.Contents {
		page.Objects = append(page.Objects, ObjectSummary{
			Key:          dec.key(o.Key),
			Size:         aws.ToInt64(o.Size),
			LastModified: aws.ToTime(o.LastModified),
			ETag:         aws.ToString(o.ETag),
			StorageClass: string(o.StorageClass),
		})
	}
	if dec.err != nil {
		return ObjectPage{}, wrapOp("s3:ListObjectsV2", dec.err)
	}
	if aws.ToBool(out.IsTruncated) {
		page.NextToken = aws.ToString(out.NextContinuationToken)
	}
	return page, nil
}

// ListObjectVersions reads one page of ListObjectVersions: at most max
// versions and delete markers under prefix, starting after keyMarker and
// versionMarker ("" for the first page).
func (s *Session) ListObjectVersions(ctx context.Context, bucket, region, prefix, keyMarker, versionMarker string, max int32) (VersionPage, error) {
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), EncodingType: types.EncodingTypeUrl}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if keyMarker != "" {
		in.KeyMarker = aws.String(keyMarker)
		if versionMarker != "" {
			in.VersionIdMarker = aws.String(versionMarker)
		}
	}
	if max > 0 {
		in.MaxKeys = aws.Int32(max)
	}
	out, err := s.s3Client(region).ListObjectVersions(ctx, in)
	if err != nil {
		return VersionPage{}, wrapOp("s3:ListObjectVersions", err)
	}
	dec := newKeyDecoder(out.EncodingType)
	page := VersionPage{Versions: make([]ObjectVersion, 0, len(out.Versions)+len(out.DeleteMarkers))}
	for _, v := range out.Versions {
		page.Versions = append(page.Versions, ObjectVersion{
			Key:          dec.key(v.Key),
			VersionID:    aws.ToString(v.VersionId),
			IsLatest:     aws.ToBool(v.IsLatest),
			Size:         aws.ToInt64(v.Size),
			LastModified: aws.ToTime(v.LastModified),
		})
	}
	for _, m := range out.DeleteMarkers {
		page.Versions = append(page.Versions, ObjectVersion{
			Key:            dec.key(m.Key),
			VersionID:      aws.ToString(m.VersionId),
			IsLatest:       aws.ToBool(m.IsLatest),
			IsDeleteMarker: true,
			LastModified:   aws.ToTime(m.LastModified),
		})
	}
	sortVersions(page.Versions)
	if aws.ToBool(out.IsTruncated) {
		page.NextKeyMarker = dec.key(out.NextKeyMarker) // sent back raw as key-marker; the SDK encodes it for the query
		page.NextVersionIDMarker = aws.ToString(out.NextVersionIdMarker)
	}
	if dec.err != nil {
		return VersionPage{}, wrapOp("s3:ListObjectVersions", dec.err)
	}
	return page, nil
}

// sortVersions restores S3's wire order, which the SDK loses by splitting
// versions and delete markers into two lists: key order, and within a key
// the latest first, then newest first.
func sortVersions(vs []ObjectVersion) {
	slices.SortStableFunc(vs, func(a, b ObjectVersion) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		if a.IsLatest != b.IsLatest {
			if a.IsLatest {
				return -1
			}
			return 1
		}
		return b.LastModified.Compare(a.LastModified)
	})
}
