package awsops

import (
	"fmt"
	"strings"
)

// logTarget returns the bucket that name's access logs go to, or "" when
// logging is off or its facet has not loaded.
func logTarget(get BucketLookup, name string) string {
	st := get(name)
	if st == nil || st.Logging == nil || !st.Logging.Enabled {
		return ""
	}
	return st.Logging.TargetBucket
}

// logChain follows the logging targets from start. It returns the buckets
// visited in order (start first) and whether the walk came back to start.
// A walk stops at a bucket that does not log, that is unknown, whose logging
// facet has not loaded, or that was already visited.
func logChain(get BucketLookup, start string) ([]string, bool) {
	chain := []string{start}
	seen := map[string]bool{start: true}
	for cur := logTarget(get, start); cur != ""; cur = logTarget(get, cur) {
		if cur == start {
			return chain, true
		}
		if seen[cur] {
			return chain, false // start leads into a loop it is not part of
		}
		seen[cur] = true
		chain = append(chain, cur)
	}
	return chain, false
}

// analyseLogging finds logging loops of any length, missing targets,
// targets that log themselves and targets encrypted with SSE-KMS.
func analyseLogging(states []BucketState, known map[string]*BucketState) []Finding {
	var out []Finding
	for i := range states {
		st := &states[i]
		if st.Logging == nil || !st.Logging.Enabled {
			continue
		}
		src, dst := st.Name, st.Logging.TargetBucket
		chain, loop := logChain(lookupIn(known), src)
		if loop {
			out = append(out, loopFinding(src, chain))
		}
		target := known[dst]
		if target == nil {
			out = append(out, Finding{
				ID: "logging-target-missing", Severity: SeverityHigh, Bucket: src,
				Message: fmt.Sprintf("%s sends its access logs to %s, which is not among this account's buckets: "+
					"it was deleted, or belongs to another account we cannot see (then that account receives your logs)", src, dst),
				Remedy: fmt.Sprintf("point logging at a bucket you own: aws s3api put-bucket-logging --bucket %s "+
					`--bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"LOG-BUCKET","TargetPrefix":"%s/"}}'`, src, src),
			})
			continue
		}
		if !loop && dst != src && target.Logging != nil && target.Logging.Enabled {
			out = append(out, Finding{
				ID: "logging-target-logs", Severity: SeverityMedium, Bucket: src,
				Message: fmt.Sprintf("%s sends its access logs to %s, which logs in turn to %s: every delivery into %s creates more log records",
					src, dst, target.Logging.TargetBucket, dst),
				Remedy: fmt.Sprintf("turn off logging on the log bucket: aws s3api put-bucket-logging --bucket %s --bucket-logging-status '{}'", dst),
			})
		}
		if target.Encryption != nil && isKMS(target.Encryption.Algorithm) {
			out = append(out, Finding{
				ID: "logging-target-kms", Severity: SeverityMedium, Bucket: src,
				Message: fmt.Sprintf("%s sends its access logs to %s, whose default encryption is %s: "+
					"AWS delivers server access logs only to SSE-S3 targets, so these logs silently never arrive",
					src, dst, target.Encryption.Algorithm),
				Remedy: fmt.Sprintf("use SSE-S3 on the log bucket: aws s3api put-bucket-encryption --bucket %s "+
					`--server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'`, dst),
			})
		}
	}
	return out
}

// loopFinding describes the loop that bucket is part of, starting from it.
func loopFinding(bucket string, chain []string) Finding {
	path := strings.Join(append(append([]string{}, chain...), bucket), " → ")
	why := "every log delivery is logged again, so log objects and storage grow forever"
	if len(chain) == 1 {
		why = "the bucket logs into itself: " + why
	}
	return Finding{
		ID: "logging-loop", Severity: SeverityHigh, Bucket: bucket,
		Message: fmt.Sprintf("access logs loop: %s (%s)", path, why),
		Remedy: fmt.Sprintf("send the logs to a dedicated bucket that does not log: aws s3api put-bucket-logging --bucket %s "+
			`--bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"LOG-BUCKET","TargetPrefix":"%s/"}}'`, bucket, bucket),
	}
}

// isKMS reports whether an algorithm encrypts with KMS keys (SSE-KMS or DSSE-KMS).
func isKMS(algorithm string) bool {
	return algorithm == "aws:kms" || algorithm == "aws:kms:dsse"
}
