package awsops

import (
	"errors"
	"fmt"
	"strings"
)

// The preflight tester's input checks: what a browser can actually send,
// so a typo is caught before a request that could only be refused.

// CheckRequestOrigin checks an Origin as a browser sends it:
// scheme://host[:port] without wildcards, or "null" (opaque origins such
// as file:// pages and sandboxed frames).
func CheckRequestOrigin(o string) error {
	if o == "null" {
		return nil
	}
	if strings.Contains(o, "*") {
		return errors.New("a browser's Origin has no wildcard: type one page's origin")
	}
	if p := corsOriginProblem(o); p != "" {
		return fmt.Errorf("%s %s", o, p)
	}
	return nil
}

// CheckRequestHeader checks one name of Access-Control-Request-Headers.
func CheckRequestHeader(h string) error {
	if strings.Contains(h, "*") {
		return fmt.Errorf("header %q: a request names real headers, not wildcards", h)
	}
	if p := corsHeaderProblem(h, false); p != "" {
		return fmt.Errorf("header %q %s", h, p)
	}
	return nil
}

// RuleName names the rule of an allowing decision for people: "rule 2"
// (as numbered in the CORS pane), with its ID when it has one.
func RuleName(d CORSDecision) string {
	if d.Rule < 0 {
		return "no rule"
	}
	n := fmt.Sprintf("rule %d", d.Rule+1)
	if d.RuleID != "" {
		n += " (" + d.RuleID + ")"
	}
	return n
}
