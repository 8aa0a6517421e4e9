package awsops

import (
	"encoding/json"
	"strings"
)

// arnPartitions are the partitions whose S3 ARNs a policy may use.
var arnPartitions = []string{"aws", "aws-cn", "aws-us-gov"}

// statements accepts Statement as one object or a list of objects.
func statements(raw json.RawMessage) []map[string]any {
	var list []map[string]any
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var one map[string]any
	if json.Unmarshal(raw, &one) == nil && one != nil {
		return []map[string]any{one}
	}
	return nil
}

// stringList reads a policy value that is a string or a list of strings.
func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// principalIsEveryone accepts "*" and {"AWS": "*"} (or ["*"]).
func principalIsEveryone(v any) bool {
	if s, ok := v.(string); ok {
		return s == "*"
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, p := range stringList(m["AWS"]) {
		if p == "*" {
			return true
		}
	}
	return false
}

// actionsCoverS3 accepts "s3:*" or "*" among the actions (action names are
// case-insensitive in IAM).
func actionsCoverS3(v any) bool {
	for _, a := range stringList(v) {
		if a == "*" || strings.EqualFold(a, "s3:*") {
			return true
		}
	}
	return false
}

// resourcesCoverBucket reports whether the patterns cover the bucket ARN and
// every object ARN of the bucket, in one partition.
func resourcesCoverBucket(patterns []string, bucket string) bool {
	for _, partition := range arnPartitions {
		bucketARN := "arn:" + partition + ":s3:::" + bucket
		var coversBucket, coversObjects bool
		for _, p := range patterns {
			coversBucket = coversBucket || globMatch(p, bucketARN)
			coversObjects = coversObjects || globCoversAllSuffixes(p, bucketARN+"/")
		}
		if coversBucket && coversObjects {
			return true
		}
	}
	return false
}

// boolStrings reads a condition value given as "false", false, or a list of them.
func boolStrings(v any) []string {
	switch t := v.(type) {
	case bool:
		if t {
			return []string{"true"}
		}
		return []string{"false"}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, boolStrings(e)...)
		}
		return out
	}
	return stringList(v)
}

// globMatch reports whether an IAM pattern ('*' any run, '?' one character)
// matches s entirely.
func globMatch(pattern, s string) bool {
	states := globStates(pattern, s)
	return states[len(pattern)]
}

// globCoversAllSuffixes reports whether the pattern matches prefix+k for
// every non-empty k: after reading prefix, the rest of the pattern must be
// one or more '*' only.
func globCoversAllSuffixes(pattern, prefix string) bool {
	for i, ok := range globStates(pattern, prefix) {
		if ok && i < len(pattern) && strings.Trim(pattern[i:], "*") == "" {
			return true
		}
	}
	return false
}

// globStates runs the pattern as an automaton over s and returns which
// pattern positions can be reached after reading all of s.
func globStates(pattern, s string) []bool {
	cur := make([]bool, len(pattern)+1)
	cur[0] = true
	closeStars(pattern, cur)
	for i := 0; i < len(s); i++ {
		next := make([]bool, len(pattern)+1)
		for p, ok := range cur {
			if !ok || p == len(pattern) {
				continue
			}
			switch pattern[p] {
			case '*':
				next[p] = true // the star eats this character and stays
			case '?':
				next[p+1] = true
			default:
				if pattern[p] == s[i] {
					next[p+1] = true
				}
			}
		}
		closeStars(pattern, next)
		cur = next
	}
	return cur
}

// closeStars adds the positions reachable by letting stars match nothing.
func closeStars(pattern string, states []bool) {
	for p := 0; p < len(pattern); p++ {
		if states[p] && pattern[p] == '*' {
			states[p+1] = true
		}
	}
}
