package sandbox

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
)

// listAllMyBucketsResult is the ListBuckets document (1.6).
type listAllMyBucketsResult struct {
	XMLName           xml.Name   `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
	Owner             ownerXML   `xml:"Owner"`
	Buckets           bucketsXML `xml:"Buckets"`
	ContinuationToken string     `xml:"ContinuationToken,omitempty"`
	Prefix            *string    `xml:"Prefix"`
}

// ownerXML is an Owner element; AWS dropped DisplayName in 2025.
type ownerXML struct {
	ID string `xml:"ID"`
}

// bucketsXML is the Buckets wrapper, present (possibly empty) in every answer.
type bucketsXML struct {
	Bucket []bucketXML `xml:"Bucket"`
}

// bucketXML is one Bucket of ListBuckets.
type bucketXML struct {
	Name         string `xml:"Name"`
	CreationDate string `xml:"CreationDate"`
	BucketRegion string `xml:"BucketRegion"`
	BucketArn    string `xml:"BucketArn"`
}

// maxBucketsLimit is the largest max-buckets S3 accepts.
const maxBucketsLimit = 10000

// handleListBuckets implements ListBuckets with max-buckets,
// continuation-token, prefix and bucket-region.
func handleListBuckets(c *s3Call) *s3Error {
	limit := maxBucketsLimit
	if v := c.query.Get("max-buckets"); c.query.Has("max-buckets") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxBucketsLimit {
			return errInvalidArgument("Provided max-buckets not an integer or within integer range", "max-buckets", v)
		}
		limit = n
	}
	after := ""
	if tok := c.query.Get("continuation-token"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		after = string(raw)
	}
	prefix, region := c.query.Get("prefix"), c.query.Get("bucket-region")

	res := listAllMyBucketsResult{Owner: ownerXML{ID: canonicalUserID(c.s.opts.AccountID)}}
	if c.query.Has("prefix") {
		res.Prefix = &prefix
	}
	st := c.s.store
	st.mu.RLock()
	for _, name := range st.sortedNames() {
		b := st.get(name)
		if name <= after && after != "" || !strings.HasPrefix(name, prefix) || region != "" && b.Region != region {
			continue
		}
		if len(res.Buckets.Bucket) == limit {
			res.ContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(res.Buckets.Bucket[limit-1].Name))
			break
		}
		res.Buckets.Bucket = append(res.Buckets.Bucket, bucketXML{
			Name: name, CreationDate: isoTime(b.Created), BucketRegion: b.Region, BucketArn: "arn:aws:s3:::" + name,
		})
	}
	st.mu.RUnlock()
	return writeXML(c.w, http.StatusOK, res)
}
