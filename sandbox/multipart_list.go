package sandbox

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// listPartsResult is the ListParts document.
type listPartsResult struct {
	XMLName              xml.Name  `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListPartsResult"`
	Bucket               string    `xml:"Bucket"`
	Key                  string    `xml:"Key"`
	UploadID             string    `xml:"UploadId"`
	Initiator            ownerXML  `xml:"Initiator"`
	Owner                ownerXML  `xml:"Owner"`
	StorageClass         string    `xml:"StorageClass"`
	PartNumberMarker     int       `xml:"PartNumberMarker"`
	NextPartNumberMarker int       `xml:"NextPartNumberMarker"`
	MaxParts             int       `xml:"MaxParts"`
	IsTruncated          bool      `xml:"IsTruncated"`
	Parts                []partXML `xml:"Part"`
	ChecksumAlgorithm    string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType         string    `xml:"ChecksumType,omitempty"`
}

// partXML is one Part of a ListParts answer.
type partXML struct {
	PartNumber   int               `xml:"PartNumber"`
	LastModified string            `xml:"LastModified"`
	ETag         string            `xml:"ETag"`
	Size         int64             `xml:"Size"`
	Checksums    []checksumElement // ChecksumCRC32 etc. when the part has one
}

// handleListParts implements ListParts with max-parts and part-number-marker.
func handleListParts(c *s3Call) *s3Error {
	id := c.query.Get("uploadId")
	max, err := listLimit(c.query, "max-parts")
	if err != nil {
		return err
	}
	marker := 0
	if c.query.Has("part-number-marker") {
		v := c.query.Get("part-number-marker")
		if marker, err = atoiArgument(v, "part-number-marker"); err != nil {
			return err
		}
	}
	res := listPartsResult{Bucket: c.bucket, Key: c.key, UploadID: id, StorageClass: "STANDARD", PartNumberMarker: marker, MaxParts: max}
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		up := b.upload(id, c.key)
		if up == nil {
			return errNoSuchUpload(id)
		}
		res.Initiator = ownerXML{ID: c.s.initiatorID(up.Initiator)}
		res.Owner = ownerXML{ID: canonicalUserID(c.s.opts.AccountID)}
		res.ChecksumAlgorithm, res.ChecksumType = up.ChecksumAlgorithm, up.ChecksumType
		numbers := make([]int, 0, len(up.Parts))
		for n := range up.Parts {
			if n > marker {
				numbers = append(numbers, n)
			}
		}
		sort.Ints(numbers)
		if len(numbers) > max {
			numbers, res.IsTruncated = numbers[:max], true
		}
		for _, n := range numbers {
			p := up.Parts[n]
			px := partXML{PartNumber: n, LastModified: isoTime(p.LastModified), ETag: p.ETag, Size: p.Size}
			if p.ChecksumAlgorithm != "" {
				px.Checksums = []checksumElement{{XMLName: xml.Name{Local: "Checksum" + p.ChecksumAlgorithm}, Value: p.Checksum}}
			}
			res.Parts = append(res.Parts, px)
			res.NextPartNumberMarker = n
		}
		return nil
	}); err != nil {
		return err
	}
	return writeXML(c.w, http.StatusOK, res)
}

// listMultipartUploadsResult is the ListMultipartUploads document.
type listMultipartUploadsResult struct {
	XMLName            xml.Name          `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListMultipartUploadsResult"`
	Bucket             string            `xml:"Bucket"`
	KeyMarker          xmlText           `xml:"KeyMarker"`
	UploadIDMarker     string            `xml:"UploadIdMarker"`
	NextKeyMarker      xmlText           `xml:"NextKeyMarker"`
	NextUploadIDMarker string            `xml:"NextUploadIdMarker"`
	Delimiter          *xmlText          `xml:"Delimiter"`
	Prefix             *xmlText          `xml:"Prefix"`
	MaxUploads         int               `xml:"MaxUploads"`
	IsTruncated        bool              `xml:"IsTruncated"`
	Uploads            []uploadXML       `xml:"Upload"`
	CommonPrefixes     []commonPrefixXML `xml:"CommonPrefixes"`
	EncodingType       *string           `xml:"EncodingType"`
}

// uploadXML is one Upload of a ListMultipartUploads answer.
type uploadXML struct {
	Key               xmlText  `xml:"Key"`
	UploadID          string   `xml:"UploadId"`
	Initiator         ownerXML `xml:"Initiator"`
	Owner             ownerXML `xml:"Owner"`
	StorageClass      string   `xml:"StorageClass"`
	Initiated         string   `xml:"Initiated"`
	ChecksumAlgorithm string   `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string   `xml:"ChecksumType,omitempty"`
}

// handleListMultipartUploads implements ListMultipartUploads: uploads in key
// order, then by initiation, with prefix, delimiter, key-marker,
// upload-id-marker, max-uploads and encoding-type.
func handleListMultipartUploads(c *s3Call) *s3Error {
	max, err := listLimit(c.query, "max-uploads")
	if err != nil {
		return err
	}
	enc, err := newListEncoder(c.query)
	if err != nil {
		return err
	}
	q := c.query
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	keyMarker, idMarker := q.Get("key-marker"), q.Get("upload-id-marker")
	res := listMultipartUploadsResult{
		Bucket: c.bucket, KeyMarker: enc.enc(keyMarker), UploadIDMarker: idMarker, MaxUploads: max,
		Delimiter: enc.encPtr(optional(q, "delimiter")), Prefix: enc.encPtr(optional(q, "prefix")), EncodingType: enc.typeName(),
	}
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		ups := sortedUploads(b)
		start := uploadsAfter(ups, keyMarker, idMarker)
		lastPrefix := ""
		for _, up := range ups[start:] {
			if !strings.HasPrefix(up.Key, prefix) {
				continue
			}
			cp := ""
			if delim != "" {
				if i := strings.Index(up.Key[len(prefix):], delim); i >= 0 {
					cp = up.Key[:len(prefix)+i+len(delim)]
					if cp == lastPrefix {
						continue
					}
				}
			}
			if len(res.Uploads)+len(res.CommonPrefixes) == max {
				res.IsTruncated = true
				break
			}
			if cp != "" {
				lastPrefix = cp
				res.CommonPrefixes = append(res.CommonPrefixes, commonPrefixXML{Prefix: enc.enc(cp)})
				res.NextKeyMarker, res.NextUploadIDMarker = enc.enc(cp), ""
				continue
			}
			res.Uploads = append(res.Uploads, uploadXML{
				Key: enc.enc(up.Key), UploadID: up.ID, StorageClass: "STANDARD", Initiated: isoTime(up.Initiated),
				Initiator: ownerXML{ID: c.s.initiatorID(up.Initiator)}, Owner: ownerXML{ID: canonicalUserID(c.s.opts.AccountID)},
				ChecksumAlgorithm: up.ChecksumAlgorithm, ChecksumType: up.ChecksumType,
			})
			res.NextKeyMarker, res.NextUploadIDMarker = enc.enc(up.Key), up.ID
		}
		return nil
	}); err != nil {
		return err
	}
	return writeXML(c.w, http.StatusOK, res)
}

// sortedUploads lists a bucket's uploads by key, then initiation time, then id.
func sortedUploads(b *bucket) []*multipartUpload {
	ups := make([]*multipartUpload, 0, len(b.uploads))
	for _, up := range b.uploads {
		ups = append(ups, up)
	}
	sort.Slice(ups, func(i, j int) bool {
		a, c := ups[i], ups[j]
		if a.Key != c.Key {
			return a.Key < c.Key
		}
		if !a.Initiated.Equal(c.Initiated) {
			return a.Initiated.Before(c.Initiated)
		}
		return a.ID < c.ID
	})
	return ups
}

// uploadsAfter is the index of the first upload after the markers: keys after
// key-marker, or, with upload-id-marker, the uploads of key-marker that
// follow that id too.
func uploadsAfter(ups []*multipartUpload, keyMarker, idMarker string) int {
	if keyMarker == "" {
		return 0
	}
	for i, up := range ups {
		if up.Key > keyMarker {
			return i
		}
		if up.Key == keyMarker && idMarker != "" && up.ID == idMarker {
			return i + 1
		}
	}
	return len(ups)
}

// listLimit reads max-parts or max-uploads: default and ceiling 1000.
func listLimit(q url.Values, name string) (int, *s3Error) {
	if !q.Has(name) {
		return defaultMaxKeys, nil
	}
	n, err := atoiArgument(q.Get(name), name)
	if err != nil {
		return 0, err
	}
	return min(n, defaultMaxKeys), nil
}

// atoiArgument parses a non-negative integer query argument.
func atoiArgument(v, name string) (int, *s3Error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errInvalidArgument("Provided "+name+" not an integer or within integer range", name, v)
	}
	return n, nil
}
