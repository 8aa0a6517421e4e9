package awsops

import "fmt"

// Read-back checks of the logging, bucket policy and Block Public Access
// plans (verify.go): each step's setting is read again once the plan
// applied, so an endpoint that accepts a change and keeps something else is
// shown as such, never as success.

// loggingChecks: the logging status reads back with the target and prefix
// set (enabled), or off (ch nil).
func loggingChecks(bucket, region string, ch *LoggingChoice) []StepCheck {
	if ch == nil {
		return []StepCheck{ReadBack(FacetLogging, bucket, region, "access logging reads back off", func(got any) (bool, string) {
			if l, _ := got.(Logging); l.Enabled {
				return false, fmt.Sprintf("the endpoint accepted turning logging off but still reports logs going to %s", l.TargetBucket)
			}
			return true, ""
		})}
	}
	title := "access logging reads back to " + ch.TargetBucket + "/" + ch.TargetPrefix
	return []StepCheck{ReadBack(FacetLogging, bucket, region, title, func(got any) (bool, string) {
		l, _ := got.(Logging)
		switch {
		case !l.Enabled:
			return false, "the endpoint accepted the logging configuration but reports logging off: no access logs will be delivered"
		case l.TargetBucket != ch.TargetBucket || l.TargetPrefix != ch.TargetPrefix:
			return false, fmt.Sprintf("the endpoint accepted logs to %s/%s but reports %s/%s", ch.TargetBucket, ch.TargetPrefix, l.TargetBucket, l.TargetPrefix)
		}
		return true, ""
	})}
}

// policyChecks: the policy reads back as written (compared as JSON, since
// S3 re-serialises it) or absent; a policy that requires TLS is also
// probed over plain HTTP.
func policyChecks(bucket, region, after string) []StepCheck {
	if after == "" {
		return []StepCheck{ReadBack(FacetPolicy, bucket, region, "the bucket policy reads back deleted", func(got any) (bool, string) {
			if p, _ := got.(Policy); p.Present {
				return false, "the endpoint accepted deleting the policy but still reports one"
			}
			return true, ""
		})}
	}
	checks := []StepCheck{ReadBack(FacetPolicy, bucket, region, "the bucket policy reads back as written", func(got any) (bool, string) {
		p, _ := got.(Policy)
		switch {
		case !p.Present:
			return false, "the endpoint accepted the policy but reports none: nothing it denies is denied"
		case !samePolicy(p.JSON, after):
			return false, "the endpoint accepted the policy but reports a different document: check what it enforces"
		}
		return true, ""
	})}
	if PolicyEnforcesTLS(after, bucket) {
		checks = append(checks, TLSOnlyProbe(bucket, region))
	}
	return checks
}

// pabChecks: the four Block Public Access settings read back as set (or as
// no configuration after a delete).
func pabChecks(bucket, region string, want PublicAccessBlock) []StepCheck {
	title := "Block Public Access reads back as set"
	if !want.Configured {
		title = "Block Public Access reads back deleted"
	}
	return []StepCheck{ReadBack(FacetPublicAccessBlock, bucket, region, title, func(got any) (bool, string) {
		p, _ := got.(PublicAccessBlock)
		if p != want {
			return false, fmt.Sprintf("the endpoint accepted Block Public Access %s but reports %s", pabWords(want), pabWords(p))
		}
		return true, ""
	})}
}

// pabWords renders the four settings for a check's detail.
func pabWords(p PublicAccessBlock) string {
	if !p.Configured {
		return "not configured"
	}
	var s string
	for i, st := range p.Settings() {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprintf("%s=%t", st.Name, st.On)
	}
	return s
}
