package sandbox

import (
	"net/http"
	"slices"
	"time"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// usEast1 is the region whose buckets have no LocationConstraint.
const usEast1 = "us-east-1"

// handleCreateBucket implements CreateBucket (PUT /{b}): name rules, the
// LocationConstraint-versus-endpoint rules of 1.7 and the us-east-1 legacy answer.
func handleCreateBucket(c *s3Call) *s3Error {
	if !validBucketName(c.bucket) {
		return errInvalidBucketName(c.bucket)
	}
	body, err := c.readBody(maxConfigBody)
	if err != nil {
		return err
	}
	constraint, cerr := bucketconfig.ParseCreateBucket(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	region, err := c.s.regionForConstraint(constraint, c.region)
	if err != nil {
		return err
	}
	if c.r.Header.Get("X-Amz-Bucket-Object-Lock-Enabled") == "true" {
		return errNotImplementedHeader("x-amz-bucket-object-lock-enabled")
	}
	if acl := c.r.Header.Get("X-Amz-Acl"); acl != "" && acl != "private" {
		return newError(http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership",
			"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
	}
	if own := c.r.Header.Get("X-Amz-Object-Ownership"); own != "" && own != "BucketOwnerEnforced" {
		return errNotImplementedHeader("x-amz-object-ownership")
	}
	if err := c.s.createBucket(c.bucket, region, constraint, c.now()); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/"+c.bucket)
	c.w.Header().Set("x-amz-bucket-arn", "arn:aws:s3:::"+c.bucket)
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// regionForConstraint decides the region a CreateBucket lands in: the
// constraint must match the region the request was signed for, us-east-1
// takes no constraint, and legacy "EU" means eu-west-1.
func (s *Server) regionForConstraint(constraint, scope string) (string, *s3Error) {
	if constraint == "" {
		if scope != usEast1 {
			return "", errIllegalConstraint("unspecified")
		}
		return usEast1, nil
	}
	region := constraint
	if constraint == "EU" {
		region = "eu-west-1"
	}
	if region != scope {
		return "", errIllegalConstraint(constraint)
	}
	if constraint == usEast1 || !slices.Contains(s.opts.Regions, region) {
		return "", newError(http.StatusBadRequest, "InvalidLocationConstraint",
			"The specified location-constraint is not valid").with("LocationConstraint", constraint)
	}
	return region, nil
}

// errIllegalConstraint is the answer to a constraint that does not fit the endpoint's region.
func errIllegalConstraint(what string) *s3Error {
	return newError(http.StatusBadRequest, "IllegalLocationConstraintException",
		"The "+what+" location constraint is incompatible for the region specific endpoint this request was sent to.")
}

// createBucket adds a bucket with today's defaults. Re-creating an own bucket
// answers 409 BucketAlreadyOwnedByYou except in us-east-1, where S3 keeps its
// legacy 200 OK.
func (s *Server) createBucket(name, region, constraint string, now time.Time) *s3Error {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	if old := s.store.get(name); old != nil {
		if old.Region == usEast1 && region == usEast1 {
			return nil
		}
		return newError(http.StatusConflict, "BucketAlreadyOwnedByYou",
			"Your previous request to create the named bucket succeeded and you already own it.").with("BucketName", name)
	}
	s.store.buckets[name] = newBucket(name, region, constraint, now)
	return nil
}

// handleDeleteBucket implements DeleteBucket: only empty buckets (no
// versions, no delete markers) can go.
func handleDeleteBucket(c *s3Call) *s3Error {
	st := c.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	b := st.get(c.bucket)
	if b == nil {
		return errNoSuchBucket(c.bucket)
	}
	if !b.isEmpty() {
		msg := "The bucket you tried to delete is not empty"
		if b.versioned() {
			msg += ". You must delete all versions in the bucket."
		}
		return newError(http.StatusConflict, "BucketNotEmpty", msg).with("BucketName", c.bucket)
	}
	delete(st.buckets, c.bucket)
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}

// handleHeadBucket implements HeadBucket: 200 with the bucket's region.
func handleHeadBucket(c *s3Call) *s3Error {
	region, ok := c.s.bucketRegion(c.bucket)
	if !ok {
		return errNoSuchBucket(c.bucket)
	}
	c.w.Header().Set("x-amz-bucket-region", region)
	c.w.Header().Set("x-amz-access-point-alias", "false")
	c.w.Header().Set("x-amz-bucket-arn", "arn:aws:s3:::"+c.bucket)
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleGetBucketLocation implements GetBucketLocation (1.7): the root
// element's text is the constraint, empty for us-east-1.
func handleGetBucketLocation(c *s3Call) *s3Error {
	st := c.s.store
	st.mu.RLock()
	b := st.get(c.bucket)
	var constraint string
	if b != nil {
		constraint = b.LocationConstraint
	}
	st.mu.RUnlock()
	if b == nil {
		return errNoSuchBucket(c.bucket)
	}
	doc := `<LocationConstraint xmlns="` + s3Namespace + `"/>`
	if constraint != "" {
		doc = `<LocationConstraint xmlns="` + s3Namespace + `">` + xmlEscape(constraint) + `</LocationConstraint>`
	}
	writeXMLBody(c.w, http.StatusOK, []byte(doc))
	return nil
}
