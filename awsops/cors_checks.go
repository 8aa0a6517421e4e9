package awsops

import "fmt"

// corsChecks reads the CORS configuration back after PutBucketCors (the
// same number of rules with the same origins and methods) or
// DeleteBucketCors (none left, nil rules).
func corsChecks(bucket, region string, rules []CORSRule) []StepCheck {
	title := fmt.Sprintf("CORS reads back %d rule(s)", len(rules))
	if len(rules) == 0 {
		title = "CORS reads back no configuration"
	}
	return []StepCheck{ReadBack(FacetCORS, bucket, region, title, func(got any) (bool, string) {
		c, _ := got.(CORS)
		if len(c.Rules) != len(rules) {
			return false, fmt.Sprintf("the endpoint accepted %d CORS rule(s) but reports %d", len(rules), len(c.Rules))
		}
		for i, r := range rules {
			if fmt.Sprint(r.AllowedOrigins, r.AllowedMethods) != fmt.Sprint(c.Rules[i].AllowedOrigins, c.Rules[i].AllowedMethods) {
				return false, fmt.Sprintf("the endpoint reports CORS rule %d differently from what was sent", i+1)
			}
		}
		return true, ""
	})}
}
