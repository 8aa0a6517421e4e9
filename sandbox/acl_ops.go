package sandbox

import (
	"net/http"
	"slices"
)

// ownershipEnforced is the Object Ownership setting that disables ACLs.
const ownershipEnforced = "BucketOwnerEnforced"

// bucketGrants is the bucket's ACL: the owner's FULL_CONTROL unless a
// PutBucketAcl (with ACLs enabled) stored another.
func (b *bucket) bucketGrants(owner string) []aclGrant {
	if b.acl != nil {
		return b.acl
	}
	return []aclGrant{{ID: owner, Permission: "FULL_CONTROL"}}
}

// checkGrants applies S3's rules for a new ACL on bucket b.
func (b *bucket) checkGrants(grants []aclGrant, owner string) *s3Error {
	if b.ObjectOwnership == ownershipEnforced && !ownerOnly(grants, owner) {
		return errACLNotSupported()
	}
	if b.config.pab != nil && b.config.pab.BlockPublicAcls && slices.ContainsFunc(grants, aclGrant.public) {
		return errAccessDenied()
	}
	return nil
}

// handleGetBucketAcl implements GetBucketAcl.
func handleGetBucketAcl(c *s3Call) *s3Error {
	owner := canonicalUserID(c.s.opts.AccountID)
	var grants []aclGrant
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		grants = b.bucketGrants(owner)
		return nil
	}); err != nil {
		return err
	}
	writeXMLBody(c.w, http.StatusOK, aclDocument(owner, grants))
	return nil
}

// handlePutBucketAcl implements PutBucketAcl.
func handlePutBucketAcl(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	owner := canonicalUserID(c.s.opts.AccountID)
	grants, err := requestedGrants(c.r.Header, body, owner, false)
	if err != nil {
		return err
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if err := b.checkGrants(grants, owner); err != nil {
			return err
		}
		b.acl = grants
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleGetObjectAcl implements GetObjectAcl (of the current version or of versionId).
func handleGetObjectAcl(c *s3Call) *s3Error {
	v, _, err := c.lookupVersion()
	if err != nil {
		return err
	}
	owner := canonicalUserID(c.s.opts.AccountID)
	grants := []aclGrant{{ID: owner, Permission: "FULL_CONTROL"}}
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if g, ok := b.objectACLs[v]; ok {
			grants = g
		}
		return nil
	}); err != nil {
		return err
	}
	if _, named := c.query["versionId"]; named {
		c.w.Header().Set("x-amz-version-id", v.VersionID)
	}
	writeXMLBody(c.w, http.StatusOK, aclDocument(owner, grants))
	return nil
}

// handlePutObjectAcl implements PutObjectAcl.
func handlePutObjectAcl(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	v, _, err := c.lookupVersion()
	if err != nil {
		return err
	}
	owner := canonicalUserID(c.s.opts.AccountID)
	grants, err := requestedGrants(c.r.Header, body, owner, true)
	if err != nil {
		return err
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if err := b.checkGrants(grants, owner); err != nil {
			return err
		}
		if b.objectACLs == nil {
			b.objectACLs = map[*objectVersion][]aclGrant{}
		}
		// Forget the grants of versions deleted since (the map is keyed
		// by version so that it needs no field in the object store).
		for old := range b.objectACLs {
			if b.version(old.Key, old.VersionID) != old {
				delete(b.objectACLs, old)
			}
		}
		b.objectACLs[v] = grants
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}
