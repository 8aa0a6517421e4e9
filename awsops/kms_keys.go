package awsops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// KMSKey is one KMS key as the key picker shows it.
type KMSKey struct {
	ID          string    // key id (UUID, or mrk-... for multi-Region keys)
	ARN         string    // arn:aws:kms:<region>:<account>:key/<id>
	Region      string    // from the ARN
	Aliases     []string  // alias names pointing at the key, e.g. alias/acme-records, sorted
	State       string    // Enabled, Disabled, PendingDeletion, ...
	Enabled     bool      // usable for encryption
	Manager     string    // CUSTOMER or AWS (aws/s3 and the other AWS-managed keys)
	Description string    // free text
	Created     time.Time // creation date
	Usage       string    // ENCRYPT_DECRYPT for keys S3 can use
	Spec        string    // SYMMETRIC_DEFAULT for keys S3 can use

	// Err is set when DescribeKey failed for this key (its key policy may
	// not let you describe it): only ID, ARN and Aliases are known.
	Err *FacetError
}

// Label is the best short name for the key: its first alias, else its id.
func (k KMSKey) Label() string {
	if len(k.Aliases) > 0 {
		return k.Aliases[0]
	}
	return k.ID
}

// UsableForS3 reports whether S3 server-side encryption can use the key:
// enabled, symmetric and for encryption.
func (k KMSKey) UsableForS3() bool {
	return k.Enabled && (k.Usage == "" || k.Usage == string(types.KeyUsageTypeEncryptDecrypt)) &&
		(k.Spec == "" || k.Spec == string(types.KeySpecSymmetricDefault))
}

// describeParallel bounds the concurrent DescribeKey calls of KMSKeys (KMS
// allows 2000/s; the bound is about not opening too many connections).
const describeParallel = 8

// KMSKeys lists the region's KMS keys with their aliases, state, manager and
// description (ListKeys + ListAliases + one DescribeKey per key), sorted by
// label. Aliases without a target key (AWS-managed ones not created yet)
// are left out.
func (s *Session) KMSKeys(ctx context.Context, region string) ([]KMSKey, error) {
	c := s.kmsClient(region)
	var listed []types.KeyListEntry
	keys := kms.NewListKeysPaginator(c, &kms.ListKeysInput{})
	for keys.HasMorePages() {
		page, err := keys.NextPage(ctx)
		if err != nil {
			return nil, wrapOp("kms:ListKeys", err)
		}
		listed = append(listed, page.Keys...)
	}
	aliases := map[string][]string{} // by target key id
	pages := kms.NewListAliasesPaginator(c, &kms.ListAliasesInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, wrapOp("kms:ListAliases", err)
		}
		for _, a := range page.Aliases {
			if t := aws.ToString(a.TargetKeyId); t != "" {
				aliases[t] = append(aliases[t], aws.ToString(a.AliasName))
			}
		}
	}

	out := make([]KMSKey, len(listed))
	sem := make(chan struct{}, describeParallel)
	var wg sync.WaitGroup
	for i, entry := range listed {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			k, err := s.describeKey(ctx, c, aws.ToString(entry.KeyId))
			if err != nil {
				// One undescribable key must not hide the others.
				k = KMSKey{ID: aws.ToString(entry.KeyId), ARN: aws.ToString(entry.KeyArn), Err: Classify(err)}
				k.Region = kmsARNRegion(k.ARN)
			}
			out[i] = k
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, wrapOp("kms:DescribeKey", err)
	}
	for i := range out {
		out[i].Aliases = aliases[out[i].ID]
		slices.Sort(out[i].Aliases)
	}
	slices.SortFunc(out, func(a, b KMSKey) int {
		// Named keys first, then by label, so the picker reads like a list of names.
		if (len(a.Aliases) > 0) != (len(b.Aliases) > 0) {
			if len(a.Aliases) > 0 {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Label(), b.Label())
	})
	return out, nil
}

// describeKey reads one key's metadata.
func (s *Session) describeKey(ctx context.Context, c *kms.Client, keyID string) (KMSKey, error) {
	out, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyID)})
	if err != nil {
		return KMSKey{}, wrapOp("kms:DescribeKey", err)
	}
	m := out.KeyMetadata
	if m == nil {
		return KMSKey{}, fmt.Errorf("kms:DescribeKey %s: the answer has no KeyMetadata", keyID)
	}
	k := KMSKey{
		ID:          aws.ToString(m.KeyId),
		ARN:         aws.ToString(m.Arn),
		State:       string(m.KeyState),
		Enabled:     m.Enabled,
		Manager:     string(m.KeyManager),
		Description: aws.ToString(m.Description),
		Created:     aws.ToTime(m.CreationDate),
		Usage:       string(m.KeyUsage),
		Spec:        string(m.KeySpec),
	}
	k.Region = kmsARNRegion(k.ARN)
	return k, nil
}

// kmsARNRegion returns the region of a KMS key or alias ARN, or "" for
// anything else (a bare key id or alias name, which KMS resolves in the
// region of the request).
func kmsARNRegion(id string) string {
	parts := strings.SplitN(id, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "kms" {
		return parts[3]
	}
	return ""
}

// KMSKeyError explains why a key cannot be used for a bucket.
type KMSKeyError struct {
	KeyID  string
	Reason string
	Err    error // the KMS error, when the check came from KMS
}

// Error names the key and the reason.
func (e *KMSKeyError) Error() string {
	msg := fmt.Sprintf("KMS key %s cannot be used: %s", e.KeyID, e.Reason)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// Unwrap returns the KMS error, if any.
func (e *KMSKeyError) Unwrap() error { return e.Err }

// ValidateKMSKey checks that keyID (id, ARN, alias name or alias ARN) names
// a key that exists in region, is enabled and can encrypt, and returns it.
// S3 does not check a bucket's default key when it is configured, only on
// the next upload, so the console checks first.
func (s *Session) ValidateKMSKey(ctx context.Context, region, keyID string) (KMSKey, error) {
	if region == "" {
		region = s.cfg.Region
	}
	if keyID == "" {
		return KMSKey{}, &KMSKeyError{KeyID: "(none)", Reason: "no key given"}
	}
	if r := kmsARNRegion(keyID); r != "" && r != region {
		return KMSKey{}, &KMSKeyError{KeyID: keyID, Reason: fmt.Sprintf(
			"it is in %s and the bucket is in %s; S3 only uses keys of the bucket's own region", r, region)}
	}
	k, err := s.describeKey(ctx, s.kmsClient(region), keyID)
	if err != nil {
		reason := "KMS could not describe it"
		switch Classify(err).Code {
		case "NotFoundException":
			reason = "no such key or alias in " + region
		case "AccessDeniedException", "AccessDenied":
			reason = "you may not describe it (kms:DescribeKey)"
		}
		return KMSKey{}, &KMSKeyError{KeyID: keyID, Reason: reason, Err: err}
	}
	if k.Region != "" && k.Region != region {
		return k, &KMSKeyError{KeyID: keyID, Reason: fmt.Sprintf("it is in %s and the bucket is in %s", k.Region, region)}
	}
	switch {
	case k.State == string(types.KeyStatePendingDeletion):
		return k, &KMSKeyError{KeyID: keyID, Reason: "it is pending deletion"}
	case !k.Enabled:
		return k, &KMSKeyError{KeyID: keyID, Reason: "it is " + strings.ToLower(k.State)}
	case !k.UsableForS3():
		return k, &KMSKeyError{KeyID: keyID, Reason: fmt.Sprintf("S3 needs a symmetric encryption key, this one is %s %s", k.Spec, k.Usage)}
	}
	return k, nil
}
