package sandbox

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// listVersionsResult is the ListObjectVersions document (3.4).
type listVersionsResult struct {
	XMLName             xml.Name                        `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListVersionsResult"`
	Name                string                          `xml:"Name"`
	Prefix              xmlText                         `xml:"Prefix"`
	KeyMarker           xmlText                         `xml:"KeyMarker"`
	VersionIDMarker     string                          `xml:"VersionIdMarker"`
	NextKeyMarker       *xmlText                        `xml:"NextKeyMarker"`
	NextVersionIDMarker *string                         `xml:"NextVersionIdMarker"`
	MaxKeys             int                             `xml:"MaxKeys"`
	Delimiter           *xmlText                        `xml:"Delimiter"`
	IsTruncated         bool                            `xml:"IsTruncated"`
	EncodingType        *string                         `xml:"EncodingType"`
	Entries             []namedElement[versionEntryXML] // Version and DeleteMarker siblings, interleaved
	CommonPrefixes      []commonPrefixXML               `xml:"CommonPrefixes"`
}

// versionEntryXML is the content of a Version or a DeleteMarker element.
type versionEntryXML struct {
	Key               xmlText  `xml:"Key"`
	VersionID         string   `xml:"VersionId"`
	IsLatest          bool     `xml:"IsLatest"`
	LastModified      string   `xml:"LastModified"`
	ETag              string   `xml:"ETag,omitempty"`
	Size              *int64   `xml:"Size"`
	StorageClass      string   `xml:"StorageClass,omitempty"`
	Owner             ownerXML `xml:"Owner"`
	ChecksumAlgorithm string   `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string   `xml:"ChecksumType,omitempty"`
}

// handleListObjectVersions implements ListObjectVersions: every version and
// delete marker in key order, newest first within a key, with key-marker /
// version-id-marker paging and delimiter roll-up.
func handleListObjectVersions(c *s3Call) *s3Error {
	p, err := c.parseListParams()
	if err != nil {
		return err
	}
	keyMarker, vidMarker := c.query.Get("key-marker"), c.query.Get("version-id-marker")
	if vidMarker != "" {
		if keyMarker == "" {
			return errInvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", vidMarker)
		}
		if !validVersionID(vidMarker) {
			return errInvalidArgument("Invalid version id specified", "version-id-marker", vidMarker)
		}
	}
	res := listVersionsResult{
		Name: c.bucket, Prefix: p.enc.enc(p.prefix), KeyMarker: p.enc.enc(keyMarker), VersionIDMarker: vidMarker,
		MaxKeys: p.max, Delimiter: p.enc.encPtr(nonEmpty(c.query, "delimiter")), EncodingType: p.enc.typeName(),
	}
	owner := ownerXML{ID: canonicalUserID(c.s.opts.AccountID)}

	st := c.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	b := st.get(c.bucket)
	if b == nil {
		return errNoSuchBucket(c.bucket)
	}
	count, lastPrefix := 0, ""
	var lastKey, lastVID string
	full := func() bool {
		if count < p.max {
			return false
		}
		if p.max == 0 {
			return true // max-keys=0: an empty page that is not truncated, as for ListObjects
		}
		res.IsTruncated = true
		res.NextKeyMarker = p.enc.encPtr(&lastKey)
		if lastVID != "" {
			res.NextVersionIDMarker = ptr(lastVID)
		}
		return true
	}
	for _, k := range b.sortedKeys() {
		if !strings.HasPrefix(k, p.prefix) || k < keyMarker || k == keyMarker && vidMarker == "" {
			continue
		}
		if p.delimiter != "" {
			if i := strings.Index(k[len(p.prefix):], p.delimiter); i >= 0 {
				cp := k[:len(p.prefix)+i+len(p.delimiter)]
				if cp == lastPrefix || cp == keyMarker {
					continue
				}
				if full() {
					break
				}
				res.CommonPrefixes = append(res.CommonPrefixes, commonPrefixXML{Prefix: p.enc.enc(cp)})
				count, lastPrefix, lastKey, lastVID = count+1, cp, cp, ""
				continue
			}
		}
		stack := b.objects[k]
		start := 0
		if k == keyMarker {
			start = len(stack) // an unknown marker version skips the whole key
			for i, v := range stack {
				if v.VersionID == vidMarker {
					start = i + 1
				}
			}
		}
		stop := false
		for i := start; i < len(stack); i++ {
			if stop = full(); stop {
				break
			}
			res.Entries = append(res.Entries, versionEntry(stack[i], i == 0, p.enc, owner))
			count, lastKey, lastVID = count+1, k, stack[i].VersionID
		}
		if stop {
			break
		}
	}
	return writeXML(c.w, http.StatusOK, res)
}

// versionEntry renders one version or delete marker.
func versionEntry(v *objectVersion, latest bool, enc listEncoder, owner ownerXML) namedElement[versionEntryXML] {
	e := versionEntryXML{
		Key: enc.enc(v.Key), VersionID: v.VersionID, IsLatest: latest,
		LastModified: isoTime(v.LastModified), Owner: owner,
	}
	if v.DeleteMarker {
		return namedElement[versionEntryXML]{"DeleteMarker", e}
	}
	e.ETag, e.Size, e.StorageClass = v.ETag, ptr(v.size()), "STANDARD"
	e.ChecksumAlgorithm, e.ChecksumType = v.ChecksumAlgorithm, checksumType(v)
	return namedElement[versionEntryXML]{"Version", e}
}
