package sandbox

import (
	"encoding/base64"
	"encoding/xml"
	"net/http"
)

// listBucketResult is the ListObjects (V1) and ListObjectsV2 document; the
// fields of the other version stay empty and are omitted.
type listBucketResult struct {
	XMLName               xml.Name          `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name                  string            `xml:"Name"`
	Prefix                xmlText           `xml:"Prefix"`
	Marker                *xmlText          `xml:"Marker"`
	NextMarker            *xmlText          `xml:"NextMarker"`
	KeyCount              *int              `xml:"KeyCount"`
	MaxKeys               int               `xml:"MaxKeys"`
	Delimiter             *xmlText          `xml:"Delimiter"`
	IsTruncated           bool              `xml:"IsTruncated"`
	ContinuationToken     *string           `xml:"ContinuationToken"`
	NextContinuationToken *string           `xml:"NextContinuationToken"`
	StartAfter            *xmlText          `xml:"StartAfter"`
	EncodingType          *string           `xml:"EncodingType"`
	Contents              []contentsXML     `xml:"Contents"`
	CommonPrefixes        []commonPrefixXML `xml:"CommonPrefixes"`
}

// contentsXML is one object of a listing.
type contentsXML struct {
	Key               xmlText   `xml:"Key"`
	LastModified      string    `xml:"LastModified"`
	ETag              string    `xml:"ETag"`
	ChecksumAlgorithm string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string    `xml:"ChecksumType,omitempty"`
	Size              int64     `xml:"Size"`
	Owner             *ownerXML `xml:"Owner"`
	StorageClass      string    `xml:"StorageClass"`
}

// commonPrefixXML is one CommonPrefixes entry.
type commonPrefixXML struct {
	Prefix xmlText `xml:"Prefix"`
}

// listParams are the arguments both list versions share.
type listParams struct {
	prefix, delimiter string
	max               int
	enc               listEncoder
}

// parseListParams reads prefix, delimiter, max-keys and encoding-type.
func (c *s3Call) parseListParams() (listParams, *s3Error) {
	max, err := parseMaxKeys(c.query)
	if err != nil {
		return listParams{}, err
	}
	enc, err := newListEncoder(c.query)
	if err != nil {
		return listParams{}, err
	}
	return listParams{prefix: c.query.Get("prefix"), delimiter: c.query.Get("delimiter"), max: max, enc: enc}, nil
}

// handleListObjectsV2 implements ListObjectsV2 (list-type=2).
func handleListObjectsV2(c *s3Call) *s3Error {
	p, err := c.parseListParams()
	if err != nil {
		return err
	}
	after := c.query.Get("start-after")
	token := optional(c.query, "continuation-token")
	if token != nil {
		raw, derr := base64.RawURLEncoding.DecodeString(*token)
		if derr != nil || *token == "" {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", *token)
		}
		after = string(raw)
	}
	fetchOwner := c.query.Get("fetch-owner") == "true"
	res := listBucketResult{
		Name: c.bucket, Prefix: p.enc.enc(p.prefix), MaxKeys: p.max,
		Delimiter: p.enc.encPtr(nonEmpty(c.query, "delimiter")), ContinuationToken: token,
		StartAfter: p.enc.encPtr(optional(c.query, "start-after")), EncodingType: p.enc.typeName(),
	}
	last, err := c.fillListing(&res, p, after, fetchOwner)
	if err != nil {
		return err
	}
	count := len(res.Contents) + len(res.CommonPrefixes)
	res.KeyCount = &count
	if res.IsTruncated {
		next := base64.RawURLEncoding.EncodeToString([]byte(last))
		res.NextContinuationToken = &next
	}
	return writeXML(c.w, http.StatusOK, res)
}

// handleListObjects implements the original ListObjects (V1) with marker.
func handleListObjects(c *s3Call) *s3Error {
	p, err := c.parseListParams()
	if err != nil {
		return err
	}
	marker := c.query.Get("marker")
	res := listBucketResult{
		Name: c.bucket, Prefix: p.enc.enc(p.prefix), MaxKeys: p.max, Marker: p.enc.encPtr(&marker),
		Delimiter: p.enc.encPtr(nonEmpty(c.query, "delimiter")), EncodingType: p.enc.typeName(),
	}
	last, err := c.fillListing(&res, p, marker, true)
	if err != nil {
		return err
	}
	if res.IsTruncated && p.delimiter != "" {
		res.NextMarker = p.enc.encPtr(&last) // S3 sends NextMarker only with a delimiter
	}
	return writeXML(c.w, http.StatusOK, res)
}

// fillListing lists the bucket's current (non-deleted) objects into res and
// returns the last entry, from which the next page starts.
func (c *s3Call) fillListing(res *listBucketResult, p listParams, after string, withOwner bool) (string, *s3Error) {
	st := c.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	b := st.get(c.bucket)
	if b == nil {
		return "", errNoSuchBucket(c.bucket)
	}
	var keys []string
	for _, k := range b.sortedKeys() {
		if cur := b.current(k); cur != nil && !cur.DeleteMarker {
			keys = append(keys, k)
		}
	}
	items, truncated := walkKeys(keys, p.prefix, p.delimiter, after, p.max)
	res.IsTruncated = truncated
	var owner *ownerXML
	if withOwner {
		owner = &ownerXML{ID: canonicalUserID(c.s.opts.AccountID)}
	}
	last := ""
	for _, it := range items {
		last = it.Key
		if it.IsPrefix {
			res.CommonPrefixes = append(res.CommonPrefixes, commonPrefixXML{Prefix: p.enc.enc(it.Key)})
			continue
		}
		v := b.current(it.Key)
		res.Contents = append(res.Contents, contentsXML{
			Key: p.enc.enc(it.Key), LastModified: isoTime(v.LastModified), ETag: v.ETag,
			ChecksumAlgorithm: v.ChecksumAlgorithm, ChecksumType: checksumType(v),
			Size: v.size(), Owner: owner, StorageClass: "STANDARD",
		})
	}
	return last, nil
}

// checksumType is the type of a version's checksum: FULL_OBJECT unless the
// version says otherwise (COMPOSITE multipart checksums); "" without one.
func checksumType(v *objectVersion) string {
	if v.ChecksumAlgorithm == "" {
		return ""
	}
	if v.ChecksumType != "" {
		return v.ChecksumType
	}
	return "FULL_OBJECT"
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
