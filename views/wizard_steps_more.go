package views

import (
	"fmt"

	"github.com/s3sec/s3sec/awsops"
)

func (w *wizard) corsStep() *wizStep {
	s := &wizStep{id: "cors", title: "CORS review",
		why: [2]string{"Protects visitors' browsers from being used against the bucket: a rule open to every",
			"web site lets any page read (or write) with the visitor's network position."}}
	c := w.before.CORS
	switch {
	case c == nil && !w.create:
		s.skip = "The CORS configuration could not be read (" + w.facetErr(awsops.FacetCORS) + ")."
		return s
	case c == nil || len(c.Rules) == 0:
		s.done = "The bucket has no CORS configuration: browsers on other sites get no access."
		return s
	}
	fs := w.findingsOf("cors-")
	if len(fs) == 0 {
		s.done = fmt.Sprintf("The %d CORS rule(s) raise no finding.", len(c.Rules))
		return s
	}
	tls := w.before.Policy != nil && w.before.Policy.TLSEnforced
	for i, notes := range awsops.CORSRuleNotes(c.Rules, tls) {
		for _, n := range notes {
			s.notes = append(s.notes, fmt.Sprintf("rule %d, %s: %s", i+1, n.Severity, n.Text))
		}
	}
	if len(s.notes) == 0 {
		s.notes = findingNotes(fs)
	}
	del := wizChoice{label: "Delete the CORS configuration", build: func(w *wizard) ([]awsops.Plan, error) {
		return []awsops.Plan{awsops.DeleteCORSPlan(w.bucket, w.region)}, nil
	}}
	tight := wizChoice{label: "Tighten: no PUT/POST/DELETE from every origin", build: func(w *wizard) ([]awsops.Plan, error) {
		rules := awsops.TightenCORS(w.before.CORS.Rules)
		if len(rules) == 0 {
			return []awsops.Plan{awsops.DeleteCORSPlan(w.bucket, w.region)}, nil
		}
		return plansOf(awsops.PutCORSPlan(w.bucket, w.region, rules))
	}}
	high := false
	for _, f := range fs {
		high = high || f.Severity >= awsops.SeverityMedium
	}
	s.now = fmt.Sprintf("%d rule(s), %d finding(s).", len(c.Rules), len(fs))
	if high {
		s.choices = []wizChoice{del, tight, keep("Keep the rules as they are")}
	} else {
		s.choices = []wizChoice{keep("Keep the rules as they are"), tight, del}
	}
	if len(awsops.TightenCORS(c.Rules)) == len(c.Rules) && sameCORSMethods(awsops.TightenCORS(c.Rules), c.Rules) {
		s.choices = removeChoice(s.choices, tight.label) // nothing to tighten
	}
	return s
}

// sameCORSMethods reports whether two rule lists allow the same methods rule by rule.
func sameCORSMethods(a, b []awsops.CORSRule) bool {
	for i := range a {
		if len(a[i].AllowedMethods) != len(b[i].AllowedMethods) {
			return false
		}
	}
	return true
}

// removeChoice drops the answer labelled label.
func removeChoice(cs []wizChoice, label string) []wizChoice {
	var out []wizChoice
	for _, c := range cs {
		if c.label != label {
			out = append(out, c)
		}
	}
	return out
}

func (w *wizard) loggingStep() *wizStep {
	s := &wizStep{id: "logging", title: "Access logging",
		why: [2]string{"Protects the ability to investigate: every request (who, what, when, from where) is",
			"recorded in another bucket of the same region; a bucket logging into itself grows forever."}}
	l := w.before.Logging
	if l == nil && !w.create {
		s.skip = "The logging configuration could not be read (" + w.facetErr(awsops.FacetLogging) + ")."
		return s
	}
	fs := w.findingsOf("logging-")
	if l != nil && l.Enabled && len(fs) == 0 {
		s.done = "Access logs already go to " + l.TargetBucket + " without a problem."
		return s
	}
	s.notes = findingNotes(fs)
	if l != nil && l.Enabled {
		s.now = "Logs go to " + l.TargetBucket + "."
	} else {
		s.now = "Access logging is off."
	}
	good := w.cleanLogTarget()
	var targets []wizChoice
	for _, t := range w.logTargets() {
		target := t
		targets = append(targets, wizChoice{label: "Send the logs to " + target, build: func(w *wizard) ([]awsops.Plan, error) {
			return w.loggingPlan(target)
		}})
	}
	off := wizChoice{label: "Turn access logging off", build: func(w *wizard) ([]awsops.Plan, error) {
		return []awsops.Plan{awsops.TurnOffLoggingPlan(w.all, w.bucket)}, nil
	}}
	leave := keep("Leave logging as it is")
	switch {
	case good != "":
		s.choices = append([]wizChoice{}, targets...)
		for i, c := range s.choices { // the clean target first
			if c.label == "Send the logs to "+good {
				s.choices[0], s.choices[i] = s.choices[i], s.choices[0]
			}
		}
		s.choices = append(s.choices, leave)
	case l != nil && l.Enabled:
		s.choices = append([]wizChoice{off}, targets...)
		s.choices = append(s.choices, leave)
	default:
		s.choices = append([]wizChoice{leave}, targets...)
	}
	if l != nil && l.Enabled && good != "" {
		s.choices = append(s.choices, off)
	}
	return s
}

// logTargets are the buckets of the same region the logs could go to.
func (w *wizard) logTargets() []string {
	var out []string
	for _, st := range w.all {
		if st.Name != w.bucket && st.Region == w.region {
			out = append(out, st.Name)
		}
	}
	return out
}

// cleanLogTarget is a bucket of the same region that already receives
// logs, is not SSE-KMS and logs nowhere itself: the recommended target;
// "" when there is none (then nothing is recommended over the current state).
func (w *wizard) cleanLogTarget() string {
	receives := map[string]bool{}
	for _, st := range w.all {
		if st.Logging != nil && st.Logging.Enabled {
			receives[st.Logging.TargetBucket] = true
		}
	}
	for _, st := range w.all {
		if st.Name == w.bucket || st.Region != w.region || !receives[st.Name] {
			continue
		}
		if st.Encryption == nil || st.Encryption.Algorithm != awsops.AlgorithmAES256 {
			continue
		}
		if st.Logging == nil || st.Logging.Enabled {
			continue
		}
		return st.Name
	}
	return ""
}

// loggingPlan is the logging plan to target, with the what-if over every
// bucket and the probe made just before planning.
func (w *wizard) loggingPlan(target string) ([]awsops.Plan, error) {
	account := ""
	if w.c.identity != nil {
		account = w.c.identity.Account
	}
	all := w.all
	if w.create { // the new bucket is not among the states read
		all = append(append([]awsops.BucketState{}, w.all...), w.before)
	}
	p, _, err := awsops.LoggingPlan(all, w.bucket, account,
		awsops.LoggingChoice{TargetBucket: target, TargetPrefix: w.bucket + "/"}, w.probes[target])
	return plansOf(p, err)
}
