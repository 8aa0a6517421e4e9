package sandbox

import (
	"encoding/xml"
	"net/http"
	"slices"
)

// objectOwnerships are the Object Ownership settings S3 accepts.
var objectOwnerships = []string{ownershipEnforced, "BucketOwnerPreferred", "ObjectWriter"}

// handleGetBucketOwnershipControls implements GetBucketOwnershipControls.
// Every new bucket is BucketOwnerEnforced (ACLs disabled), the default since
// 2023-04; after DeleteBucketOwnershipControls there are none (ACLs enabled,
// objects owned by their writer).
func handleGetBucketOwnershipControls(c *s3Call) *s3Error {
	var ownership string
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		ownership = b.ObjectOwnership
		return nil
	}); err != nil {
		return err
	}
	if ownership == "" {
		return newError(http.StatusNotFound, "OwnershipControlsNotFoundError",
			"The bucket ownership controls were not found").with("BucketName", c.bucket)
	}
	doc := `<OwnershipControls xmlns="` + s3Namespace + `"><Rule><ObjectOwnership>` + ownership +
		`</ObjectOwnership></Rule></OwnershipControls>`
	writeXMLBody(c.w, http.StatusOK, []byte(doc))
	return nil
}

// ownershipControlsXML is the PutBucketOwnershipControls document (one rule).
type ownershipControlsXML struct {
	XMLName xml.Name `xml:"OwnershipControls"`
	Rules   []struct {
		ObjectOwnership string `xml:"ObjectOwnership"`
	} `xml:"Rule"`
}

// handlePutBucketOwnershipControls implements PutBucketOwnershipControls.
// Disabling ACLs while the bucket ACL grants anyone but the owner is refused
// (the AWS guide asks to migrate such grants first; the code is the one
// CreateBucket uses for the same conflict).
func handlePutBucketOwnershipControls(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	var doc ownershipControlsXML
	if xml.Unmarshal(body, &doc) != nil || len(doc.Rules) != 1 || !slices.Contains(objectOwnerships, doc.Rules[0].ObjectOwnership) {
		return newError(http.StatusBadRequest, "MalformedXML",
			"The XML you provided was not well-formed or did not validate against our published schema")
	}
	ownership := doc.Rules[0].ObjectOwnership
	owner := canonicalUserID(c.s.opts.AccountID)
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if ownership == ownershipEnforced && !ownerOnly(b.bucketGrants(owner), owner) {
			return newError(http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership",
				"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
		}
		b.ObjectOwnership = ownership
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleDeleteBucketOwnershipControls implements DeleteBucketOwnershipControls (204).
func handleDeleteBucketOwnershipControls(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.ObjectOwnership = ""
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
