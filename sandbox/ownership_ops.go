package sandbox

import "net/http"

// handleGetBucketOwnershipControls implements GetBucketOwnershipControls. Every
// sandbox bucket is BucketOwnerEnforced (ACLs disabled), the default since
// 2023-04; changing it is not implemented (PUT answers 501 via routing).
func handleGetBucketOwnershipControls(c *s3Call) *s3Error {
	var ownership string
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		ownership = b.ObjectOwnership
		return nil
	}); err != nil {
		return err
	}
	doc := `<OwnershipControls xmlns="` + s3Namespace + `"><Rule><ObjectOwnership>` + ownership +
		`</ObjectOwnership></Rule></OwnershipControls>`
	writeXMLBody(c.w, http.StatusOK, []byte(doc))
	return nil
}
