package awsops

import "fmt"

// encryptionChecks reads the default encryption back after a
// PutBucketEncryption: the algorithm and, for SSE-KMS, the bucket key must
// be what was set. The key is not compared: endpoints report it as given
// or as its ARN.
func encryptionChecks(bucket, region string, rule Encryption) []StepCheck {
	title := "default encryption reads back " + describeRule(rule)
	return []StepCheck{ReadBack(FacetEncryption, bucket, region, title, func(got any) (bool, string) {
		e, _ := got.(Encryption)
		if e.Algorithm != rule.Algorithm {
			return false, fmt.Sprintf("the endpoint accepted the default encryption %s but reports %s: new objects are not encrypted as set", describeRule(rule), describeRule(e))
		}
		if rule.Algorithm == AlgorithmKMS && e.BucketKey != rule.BucketKey {
			return false, fmt.Sprintf("the endpoint accepted BucketKeyEnabled=%t but reports %t", rule.BucketKey, e.BucketKey)
		}
		return true, ""
	})}
}
