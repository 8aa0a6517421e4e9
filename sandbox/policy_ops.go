package sandbox

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
	"github.com/s3sec/s3sec/sandbox/policy"
)

// handleGetBucketPolicy implements GetBucketPolicy: S3's normalised JSON as the body.
func handleGetBucketPolicy(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if b.config.policy == nil {
			return newError(http.StatusNotFound, "NoSuchBucketPolicy",
				"The bucket policy does not exist").with("BucketName", c.bucket)
		}
		doc = b.config.policy
		return nil
	}); err != nil {
		return err
	}
	c.w.Header().Set("Content-Type", "application/json")
	c.w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write(doc)
	return nil
}

// handlePutBucketPolicy implements PutBucketPolicy (204 on success).
func handlePutBucketPolicy(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		return setPolicy(b, body, c.p)
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}

// setPolicy validates, normalises and stores a policy; the caller holds the
// store lock. A public policy is refused while BlockPublicPolicy is on.
func setPolicy(b *bucket, body []byte, p *principal) *s3Error {
	normalised, public, cerr := bucketconfig.NormalisePolicy(body, b.Name)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if public && b.config.pab != nil && b.config.pab.BlockPublicPolicy {
		return newError(http.StatusForbidden, "AccessDenied",
			"User: "+p.creds.ARN+" is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::"+b.Name+
				"\" because public policies are blocked by the BlockPublicPolicy block public access setting.")
	}
	doc, err := policy.Parse(normalised)
	if err != nil {
		return fromPolicyParse(err)
	}
	b.config.policy, b.config.policyDoc, b.config.public = normalised, doc, public
	return nil
}

// handleDeleteBucketPolicy implements DeleteBucketPolicy (204, also when none is set).
func handleDeleteBucketPolicy(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.policy, b.config.policyDoc, b.config.public = nil, nil, false
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}

// handleGetBucketPolicyStatus implements GetBucketPolicyStatus: whether the
// stored policy is public, as judged when it was put.
func handleGetBucketPolicyStatus(c *s3Call) *s3Error {
	var public bool
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if b.config.policy == nil {
			return newError(http.StatusNotFound, "NoSuchBucketPolicy",
				"The bucket policy does not exist").with("BucketName", c.bucket)
		}
		public = b.config.public
		return nil
	}); err != nil {
		return err
	}
	doc := `<PolicyStatus xmlns="` + s3Namespace + `"><IsPublic>` + boolString(public) + `</IsPublic></PolicyStatus>`
	writeXMLBody(c.w, http.StatusOK, []byte(doc))
	return nil
}

// fromPolicyParse answers a policy the validator accepted but the evaluator
// refused. Unsupported parts (the BinaryEquals operator, the ${*} and ${?}
// variables, condition keys the sandbox does not supply) are valid on AWS, so the
// answer is 501 NotImplemented naming the part, never a silent success with
// the part ignored; anything else is MalformedPolicy.
func fromPolicyParse(err error) *s3Error {
	var pe *policy.Error
	if errors.As(err, &pe) && pe.Unsupported {
		return newError(http.StatusNotImplemented, "NotImplemented",
			"The sandbox does not implement this part of the policy: "+pe.Message)
	}
	msg := err.Error()
	if pe != nil {
		msg = pe.Message
	}
	return newError(http.StatusBadRequest, "MalformedPolicy", msg)
}
