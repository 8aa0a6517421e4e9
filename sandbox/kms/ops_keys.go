package kms

import (
	"strconv"
	"strings"
	"time"
)

// keyIDInput is the input of the operations that take only a KeyId.
type keyIDInput struct {
	KeyID *string `json:"KeyId"`
}

// keyMetadataOutput is the output of CreateKey and DescribeKey.
type keyMetadataOutput struct {
	KeyMetadata keyMetadata `json:"KeyMetadata"`
}

// createKeyInput is the input of CreateKey; every member is optional.
type createKeyInput struct {
	Description           *string `json:"Description"`
	KeyUsage              string  `json:"KeyUsage"`
	KeySpec               string  `json:"KeySpec"`
	CustomerMasterKeySpec string  `json:"CustomerMasterKeySpec"`
	Origin                string  `json:"Origin"`
	Policy                *string `json:"Policy"`
	Tags                  []tag   `json:"Tags"`
	MultiRegion           bool    `json:"MultiRegion"`
	CustomKeyStoreID      string  `json:"CustomKeyStoreId"`
}

// opCreateKey creates a customer-managed key (S3-BEHAVIOR 7.2). Only
// symmetric encryption keys with KMS-generated material exist here; other
// kinds are refused rather than faked.
func opCreateKey(q *request) (any, *Error) {
	var in createKeyInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "CreateKey", ""); e != nil {
		return nil, e
	}
	var v validator
	if in.Description != nil {
		v.length("description", *in.Description, 0, 8192)
	}
	if in.Policy != nil {
		v.length("policy", *in.Policy, 1, 131072)
	}
	v.enum("keyUsage", in.KeyUsage, "SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT")
	v.enum("origin", in.Origin, "AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE")
	for i, t := range in.Tags {
		n := strconv.Itoa(i + 1)
		v.length("tags."+n+".member.tagKey", t.Key, 1, 128)
		v.length("tags."+n+".member.tagValue", t.Value, 0, 256)
	}
	if e := v.err(); e != nil {
		return nil, e
	}
	if e := checkTags(in.Tags); e != nil {
		return nil, e
	}
	spec := in.KeySpec
	if spec == "" {
		spec = in.CustomerMasterKeySpec
	}
	if spec != "" && spec != "SYMMETRIC_DEFAULT" || in.KeyUsage != "" && in.KeyUsage != "ENCRYPT_DECRYPT" ||
		in.Origin != "" && in.Origin != "AWS_KMS" || in.CustomKeyStoreID != "" {
		return nil, newError(ErrUnsupportedOperation,
			"The s3sec sandbox only creates symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS).")
	}
	ks := keySpec{manager: managerCustomer, multiRegion: in.MultiRegion, tags: in.Tags}
	if in.Description != nil {
		ks.description = *in.Description
	}
	if in.Policy != nil {
		ks.policy = *in.Policy
	}
	s := q.s
	s.mu.Lock()
	defer s.mu.Unlock()
	return keyMetadataOutput{s.metadata(s.newKey(q.region, ks))}, nil
}

// checkTags applies CreateKey's tag rules after the length constraints.
func checkTags(tags []tag) *Error {
	seen := map[string]bool{}
	for _, t := range tags {
		if strings.HasPrefix(t.Key, "aws:") {
			return newError(ErrTag, "Tags beginning with aws: are reserved")
		}
		if seen[t.Key] {
			return newError(ErrTag, "Duplicate tag keys")
		}
		seen[t.Key] = true
	}
	if len(tags) > 50 {
		return newError(ErrTag, "Too many tags")
	}
	return nil
}

// opDescribeKey describes a key named by id, ARN or alias; describing
// alias/aws/s3 creates the AWS-managed key, as on AWS.
func opDescribeKey(q *request) (any, *Error) {
	k, e := q.keyArg(keysAndAliases)
	if e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "DescribeKey", k.arn); e != nil {
		return nil, e
	}
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	return keyMetadataOutput{q.s.metadata(k)}, nil
}

// keyArg decodes a {"KeyId": ...} body and resolves the key.
func (q *request) keyArg(refs keyRefs) (*key, *Error) {
	var in keyIDInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	if e := checkKeyID("keyId", in.KeyID, true); e != nil {
		return nil, e
	}
	q.s.mu.Lock()
	defer q.s.mu.Unlock()
	return q.s.resolve(q.region, *in.KeyID, refs)
}

// checkKeyID applies the KeyId model constraints (required or not, 1–2048 characters).
func checkKeyID(field string, id *string, required bool) *Error {
	var v validator
	v.keyID(field, id, required)
	return v.err()
}

// opEnableKey enables a key named by id or ARN.
func opEnableKey(q *request) (any, *Error) { return nil, q.setEnabled(true) }

// opDisableKey disables a key named by id or ARN.
func opDisableKey(q *request) (any, *Error) { return nil, q.setEnabled(false) }

// setEnabled is the body of EnableKey and DisableKey.
func (q *request) setEnabled(enabled bool) *Error {
	var in keyIDInput
	if e := decodeBody(q.r, &in); e != nil {
		return e
	}
	if e := checkKeyID("keyId", in.KeyID, true); e != nil {
		return e
	}
	return q.s.setEnabled(q.caller.arn, q.region, *in.KeyID, keysOnly, enabled)
}

// scheduleInput is the input of ScheduleKeyDeletion.
type scheduleInput struct {
	KeyID               *string `json:"KeyId"`
	PendingWindowInDays *int    `json:"PendingWindowInDays"`
}

// scheduleOutput is the output of ScheduleKeyDeletion.
type scheduleOutput struct {
	KeyID               string `json:"KeyId"`
	DeletionDate        epoch  `json:"DeletionDate"`
	KeyState            string `json:"KeyState"`
	PendingWindowInDays int    `json:"PendingWindowInDays"`
}

// opScheduleKeyDeletion puts a key in PendingDeletion for 7–30 days (default
// 30). The sandbox never deletes it: the window outlives any demo.
func opScheduleKeyDeletion(q *request) (any, *Error) {
	var in scheduleInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	if e := checkKeyID("keyId", in.KeyID, true); e != nil {
		return nil, e
	}
	var v validator
	v.intRange("pendingWindowInDays", in.PendingWindowInDays, 7, 30)
	if e := v.err(); e != nil {
		return nil, e
	}
	days := 30
	if in.PendingWindowInDays != nil {
		days = *in.PendingWindowInDays
	}
	s := q.s
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.resolve(q.region, *in.KeyID, keysOnly)
	if e != nil {
		return nil, e
	}
	if e := s.identityDenied(q.caller.arn, "ScheduleKeyDeletion", k.arn); e != nil {
		return nil, e
	}
	if k.manager == managerAWS {
		return nil, errPolicyDenied(q.caller.arn, "ScheduleKeyDeletion", k.arn)
	}
	if !k.deletionDate.IsZero() {
		return nil, errPendingDeletion(k.arn)
	}
	k.deletionDate = s.now().Add(time.Duration(days) * 24 * time.Hour)
	k.pendingWindow = days
	k.enabled = false
	return scheduleOutput{KeyID: k.arn, DeletionDate: epoch(k.deletionDate), KeyState: k.state(), PendingWindowInDays: days}, nil
}

// opCancelKeyDeletion takes a key out of PendingDeletion; it comes back
// Disabled, as on AWS.
func opCancelKeyDeletion(q *request) (any, *Error) {
	k, e := q.keyArg(keysOnly)
	if e != nil {
		return nil, e
	}
	if e := q.s.identityDenied(q.caller.arn, "CancelKeyDeletion", k.arn); e != nil {
		return nil, e
	}
	s := q.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if k.deletionDate.IsZero() {
		return nil, newError(ErrInvalidState, k.arn+" is not pending deletion.")
	}
	k.deletionDate, k.pendingWindow = time.Time{}, 0
	return struct {
		KeyID string `json:"KeyId"`
	}{k.arn}, nil
}
