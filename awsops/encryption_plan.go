package awsops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Default-encryption algorithms (SSEAlgorithm of a bucket's encryption rule).
const (
	AlgorithmAES256  = "AES256"       // SSE-S3
	AlgorithmKMS     = "aws:kms"      // SSE-KMS
	AlgorithmKMSDSSE = "aws:kms:dsse" // DSSE-KMS
)

// EncryptionChoice is what the user picked for a bucket's default encryption.
type EncryptionChoice struct {
	Algorithm string // AlgorithmAES256, AlgorithmKMS or AlgorithmKMSDSSE
	KMSKeyID  string // key id, ARN, alias or alias ARN; "" means the AWS-managed aws/s3 key
	BucketKey bool   // S3 Bucket Key (SSE-KMS only)
	BlockSSEC bool   // refuse uploads with customer-provided keys (BlockedEncryptionTypes SSE-C)
}

// EncryptionPlan builds the PutBucketEncryption plan for a choice. Pass the
// states of the other buckets as all, so that turning a log bucket to
// SSE-KMS warns that its sources' log delivery would stop. It refuses
// choices S3 would refuse or that cannot work (a KMS key ARN of another
// region, a key with SSE-S3).
func EncryptionPlan(state BucketState, choice EncryptionChoice, all ...BucketState) (Plan, error) {
	alg := choice.Algorithm
	switch alg {
	case AlgorithmAES256, AlgorithmKMS, AlgorithmKMSDSSE:
	default:
		return Plan{}, fmt.Errorf("unknown default encryption %q: choose %s, %s or %s", alg, AlgorithmAES256, AlgorithmKMS, AlgorithmKMSDSSE)
	}
	var warnings []string
	keyID := strings.TrimSpace(choice.KMSKeyID)
	if alg == AlgorithmAES256 && keyID != "" {
		return Plan{}, errors.New("a KMS key only applies to SSE-KMS and DSSE-KMS; SSE-S3 (AES256) uses keys held by S3")
	}
	if r := kmsARNRegion(keyID); r != "" && state.Region != "" && r != state.Region {
		return Plan{}, fmt.Errorf("KMS key %s is in %s but %s is in %s: S3 only uses KMS keys of the bucket's region (uploads would fail with KMS.NotFoundException)",
			keyID, r, state.Name, state.Region)
	}
	bucketKey := choice.BucketKey
	switch {
	case bucketKey && alg == AlgorithmKMSDSSE:
		bucketKey = false
		warnings = append(warnings, "DSSE-KMS does not support S3 Bucket Keys: the bucket key stays off and every object write and read calls KMS.")
	case bucketKey && alg == AlgorithmAES256:
		bucketKey = false
		warnings = append(warnings, "An S3 Bucket Key only matters for SSE-KMS; with SSE-S3 it has no effect and is left off.")
	}
	blocked := []string{"NONE"}
	if choice.BlockSSEC {
		blocked = []string{"SSE-C"}
	}
	next := Encryption{Algorithm: alg, KMSKeyID: keyID, BucketKey: bucketKey, BlockedEncryptionTypes: blocked}
	p := encryptionRulePlan(state, next)
	p.Warnings = append(warnings, encryptionWarnings(state, next, all)...)
	return p, nil
}

// BucketKeyPlan turns the S3 Bucket Key on for a bucket whose default is
// SSE-KMS, keeping its key and SSE-C setting as they are. The plan's
// warnings include the KMS cost hint before and after.
func BucketKeyPlan(state BucketState) (Plan, error) {
	e := state.Encryption
	switch {
	case e == nil:
		return Plan{}, fmt.Errorf("the encryption of %s has not been read", state.Name)
	case e.Algorithm == AlgorithmKMSDSSE:
		return Plan{}, errors.New("DSSE-KMS does not support S3 Bucket Keys")
	case e.Algorithm != AlgorithmKMS:
		return Plan{}, errors.New("an S3 Bucket Key only applies to SSE-KMS; this bucket uses SSE-S3, which makes no KMS calls")
	case e.BucketKey:
		return Plan{}, fmt.Errorf("the S3 Bucket Key of %s is already on", state.Name)
	}
	next := *e
	next.BucketKey = true
	p := encryptionRulePlan(state, next)
	p.Title = "Turn on the S3 Bucket Key of " + state.Name
	p.Steps[0].Title = "Turn on the S3 Bucket Key"
	p.Warnings = append([]string{"Now: " + KMSCostHint(*e), "After: " + KMSCostHint(next)}, encryptionWarnings(state, next, nil)...)
	return p, nil
}

// KMSCostHint says in one sentence what a default encryption costs in KMS
// requests (S3-BEHAVIOR §2.5): the console shows it beside the setting.
func KMSCostHint(enc Encryption) string {
	switch enc.Algorithm {
	case AlgorithmKMS:
		if enc.BucketKey {
			return "SSE-KMS with an S3 Bucket Key: S3 calls KMS about once per bucket key lifetime and requester instead of once per object, up to 99% fewer KMS requests."
		}
		return "SSE-KMS without a bucket key: every object write calls KMS GenerateDataKey and every read calls Decrypt; the calls are billed and count against the account's KMS request quota (throttled reads fail with 503 SlowDown). An S3 Bucket Key cuts them by up to 99%."
	case AlgorithmKMSDSSE:
		return "DSSE-KMS: every object write and read calls KMS, and bucket keys are not supported; the calls are billed and count against the account's KMS request quota."
	case AlgorithmAES256, "":
		return "SSE-S3: no KMS calls and no KMS cost; keys are managed by S3."
	}
	return ""
}

// encryptionRulePlan is the one-step plan that writes rule as the bucket's
// default encryption; an empty block list leaves BlockedEncryptionTypes out.
func encryptionRulePlan(state BucketState, rule Encryption) Plan {
	bucket, region := state.Name, state.Region
	params := []string{"SSEAlgorithm=" + rule.Algorithm}
	if rule.KMSKeyID != "" {
		params = append(params, "KMSMasterKeyID="+rule.KMSKeyID)
	} else if rule.Algorithm != AlgorithmAES256 {
		params = append(params, "KMSMasterKeyID=(AWS-managed aws/s3)")
	}
	params = append(params, fmt.Sprintf("BucketKeyEnabled=%t", rule.BucketKey))
	if len(rule.BlockedEncryptionTypes) > 0 {
		params = append(params, "BlockedEncryptionTypes="+strings.Join(rule.BlockedEncryptionTypes, ","))
	}
	cli := "aws s3api put-bucket-encryption --bucket " + shellArg(bucket) +
		" --server-side-encryption-configuration " + shellArg(encryptionRuleJSON(rule, rule.BucketKey, rule.BlockedEncryptionTypes))

	sdkRule := types.ServerSideEncryptionRule{
		ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryption(rule.Algorithm)},
		BucketKeyEnabled:                   aws.Bool(rule.BucketKey),
	}
	if rule.KMSKeyID != "" {
		sdkRule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID = aws.String(rule.KMSKeyID)
	}
	if len(rule.BlockedEncryptionTypes) > 0 {
		bt := &types.BlockedEncryptionTypes{}
		for _, t := range rule.BlockedEncryptionTypes {
			bt.EncryptionType = append(bt.EncryptionType, types.EncryptionType(t))
		}
		sdkRule.BlockedEncryptionTypes = bt
	}
	return Plan{
		Title:  fmt.Sprintf("Set the default encryption of %s to %s", bucket, describeRule(rule)),
		Bucket: bucket,
		Region: region,
		Steps: []Step{{
			Title:  "Set the default encryption",
			API:    "s3:PutBucketEncryption",
			Params: params,
			CLI:    cli,
			Checks: encryptionChecks(bucket, region, rule),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
					Bucket:                            aws.String(bucket),
					ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{sdkRule}},
				})
				return wrapOp("s3:PutBucketEncryption", err)
			},
		}},
	}
}

// describeRule names a rule in words: "SSE-KMS (alias/x) with bucket key".
func describeRule(e Encryption) string {
	var s string
	switch e.Algorithm {
	case AlgorithmAES256:
		s = "SSE-S3"
	case AlgorithmKMS:
		s = "SSE-KMS"
	case AlgorithmKMSDSSE:
		s = "DSSE-KMS"
	default:
		s = e.Algorithm
	}
	if e.Algorithm != AlgorithmAES256 {
		key := e.KMSKeyID
		if key == "" {
			key = "aws/s3"
		}
		s += " (" + key + ")"
	}
	if e.BucketKey {
		s += " with bucket key"
	}
	return s
}

// encryptionWarnings are the consequences of replacing the bucket's current
// rule with next that the user must read before confirming.
func encryptionWarnings(state BucketState, next Encryption, all []BucketState) []string {
	var out []string
	cur := state.Encryption
	if cur != nil && cur.Algorithm == next.Algorithm && cur.KMSKeyID == next.KMSKeyID && cur.BucketKey == next.BucketKey &&
		slices.Equal(cur.BlockedEncryptionTypes, next.BlockedEncryptionTypes) {
		out = append(out, "This is already the bucket's configuration; applying it changes nothing.")
	}
	if cur == nil || cur.Algorithm != next.Algorithm || cur.KMSKeyID != next.KMSKeyID {
		out = append(out, "Default encryption applies to objects written from now on; existing objects keep their current encryption until they are re-encrypted (copied in place).")
	}
	if next.BucketKey && (cur == nil || !cur.BucketKey) {
		out = append(out, "The S3 Bucket Key applies only to objects written from now on; existing objects keep their per-object KMS data keys. "+
			"S3 then uses the bucket ARN instead of the object ARN as KMS encryption context: key policies or grants conditioned on kms:EncryptionContext:aws:s3:arn with object ARNs stop matching.")
	}
	if next.KMSKeyID == "" && next.Algorithm != AlgorithmAES256 {
		out = append(out, "Without a key id S3 uses the AWS-managed key aws/s3, whose key policy you cannot change and which other accounts cannot be granted.")
	}
	if len(next.BlockedEncryptionTypes) > 0 && !next.SSECBlocked() {
		msg := "SSE-C stays allowed"
		if cur != nil && cur.SSECBlocked() {
			msg = "This allows SSE-C again"
		}
		out = append(out, msg+": anyone allowed to upload can write objects that only a key S3 does not keep can read. "+
			"Lost keys mean lost data, and attackers with stolen credentials have used SSE-C to hold buckets to ransom. AWS blocks SSE-C by default on new buckets.")
	}
	if next.Algorithm == AlgorithmKMS || next.Algorithm == AlgorithmKMSDSSE {
		var sources []string
		for _, o := range all {
			if o.Logging != nil && o.Logging.Enabled && o.Logging.TargetBucket == state.Name {
				sources = append(sources, o.Name)
			}
		}
		if len(sources) > 0 {
			slices.Sort(sources)
			out = append(out, fmt.Sprintf("%s is the access-log target of %s: server access log delivery does not support SSE-KMS or DSSE-KMS targets, so those logs will stop arriving. Keep SSE-S3 on log buckets.",
				state.Name, strings.Join(sources, ", ")))
		}
	}
	return out
}

// shellArg quotes one argument for a POSIX shell when it needs it, so a CLI
// equivalent can be pasted as is.
func shellArg(s string) string {
	if needsANSIC(s) {
		return ansiCQuote(s)
	}
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@+-%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
