package kms

import (
	crand "crypto/rand"
	"encoding/hex"
	"time"
)

// Key managers: who created and controls a key.
const (
	managerCustomer = "CUSTOMER"
	managerAWS      = "AWS"
)

// s3ManagedDescription is the description of the AWS-managed aws/s3 key (S3-BEHAVIOR 2.4).
const s3ManagedDescription = "Default key that protects my S3 objects when no other key is defined"

// key is one symmetric KMS key. Fields other than enabled and the deletion
// fields never change after creation; all are guarded by Service.mu.
type key struct {
	id, arn, region string
	description     string
	manager         string
	created         time.Time
	multiRegion     bool
	policy          string
	tags            []tag

	material   []byte // 256-bit AES key material, never leaves the service
	materialID string // CurrentKeyMaterialId / KeyMaterialId

	enabled       bool
	deletionDate  time.Time // non-zero while pending deletion
	pendingWindow int       // days, while pending deletion
}

// tag is one key tag.
type tag struct {
	Key   string `json:"TagKey"`
	Value string `json:"TagValue"`
}

// keySpec holds what CreateKey may choose for a new key.
type keySpec struct {
	description string
	manager     string
	multiRegion bool
	policy      string
	tags        []tag
}

// keyARN is the ARN of key id in region of the account.
func (s *Service) keyARN(region, id string) string {
	return "arn:aws:kms:" + region + ":" + s.account + ":key/" + id
}

// aliasARN is the ARN of an alias name ("alias/x") in region of the account.
func (s *Service) aliasARN(region, name string) string {
	return "arn:aws:kms:" + region + ":" + s.account + ":" + name
}

// newKey creates and stores an enabled key; the caller holds s.mu.
func (s *Service) newKey(region string, spec keySpec) *key {
	id := s.ids.keyID()
	if spec.multiRegion {
		id = s.ids.multiRegionKeyID()
	}
	material := make([]byte, 32)
	_, _ = crand.Read(material)
	mid := make([]byte, 32)
	_, _ = crand.Read(mid)
	k := &key{
		id:          id,
		arn:         s.keyARN(region, id),
		region:      region,
		description: spec.description,
		manager:     spec.manager,
		created:     s.now(),
		multiRegion: spec.multiRegion,
		policy:      spec.policy,
		tags:        spec.tags,
		material:    material,
		materialID:  hex.EncodeToString(mid),
		enabled:     true,
	}
	rk := s.region(region)
	rk.byID[id] = k
	rk.order = append(rk.order, k)
	return k
}

// state is the key's KeyState.
func (k *key) state() string {
	switch {
	case !k.deletionDate.IsZero():
		return "PendingDeletion"
	case k.enabled:
		return "Enabled"
	}
	return "Disabled"
}

// usable returns the error a cryptographic operation gets on this key, or nil.
func (k *key) usable() *Error {
	switch k.state() {
	case "PendingDeletion":
		return errPendingDeletion(k.arn)
	case "Disabled":
		return errDisabled(k.arn)
	}
	return nil
}
