package kms

import "time"

// s3ManagedAlias is the predefined alias of the AWS-managed key S3 uses by default.
const s3ManagedAlias = "alias/aws/s3"

// alias names a key; name includes the "alias/" prefix.
type alias struct {
	name             string
	target           *key
	created, updated time.Time
}

// s3ManagedKey returns the region's aws/s3 key, creating it and its alias on
// first use as AWS does when SSE-KMS first needs it; the caller holds s.mu.
func (s *Service) s3ManagedKey(region string) *key {
	rk := s.region(region)
	if a := rk.aliases[s3ManagedAlias]; a != nil {
		return a.target
	}
	k := s.newKey(region, keySpec{description: s3ManagedDescription, manager: managerAWS})
	rk.aliases[s3ManagedAlias] = &alias{name: s3ManagedAlias, target: k, created: k.created, updated: k.created}
	return k
}
