package corsedit

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/s3sec/s3sec/awsops"
)

// Keys of the rule form's fields; the flow shows the focused one in its
// breadcrumb and checks its value as it is typed.
const (
	KeyID      = "ID"
	KeyOrigins = "origins"
	KeyMethods = "methods"
	KeyAllowed = "allowed headers"
	KeyExposed = "exposed headers"
	KeyMaxAge  = "max age"
)

// Fields are one rule as the form edits it: lists as typed text (items
// separated by commas or spaces), the max age as typed digits.
type Fields struct {
	ID      string
	Origins string
	Methods []string
	Allowed string
	Exposed string
	MaxAge  string
}

// FieldsOf fills the form from a rule; a new rule starts as a read-only
// rule for one site, with a max age, so the defaults lint clean.
func FieldsOf(r *awsops.CORSRule) *Fields {
	if r == nil {
		return &Fields{Methods: []string{"GET", "HEAD"}, MaxAge: "3000"}
	}
	f := &Fields{
		ID:      r.ID,
		Origins: strings.Join(r.AllowedOrigins, ", "),
		Methods: append([]string(nil), r.AllowedMethods...),
		Allowed: strings.Join(r.AllowedHeaders, ", "),
		Exposed: strings.Join(r.ExposeHeaders, ", "),
	}
	if r.MaxAgeSeconds != nil {
		f.MaxAge = strconv.Itoa(int(*r.MaxAgeSeconds))
	}
	return f
}

// SplitList splits a typed list on commas and white space, dropping empty
// items: "a, b c" is three items.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// Problem checks the value of the field named key as it stands; "" when it
// is acceptable. The words are ValidateCORS's, so the form and the final
// check never disagree.
func (f *Fields) Problem(key string) string {
	switch key {
	case KeyID:
		if n := len(f.ID); n > awsops.CORSMaxIDLen {
			return fmt.Sprintf("the ID is %d characters, at most %d are allowed", n, awsops.CORSMaxIDLen)
		}
	case KeyOrigins:
		origins := SplitList(f.Origins)
		if len(origins) == 0 {
			return "at least one origin is needed, such as https://app.example.com"
		}
		for _, o := range origins {
			if p := awsops.CORSOriginProblem(o); p != "" {
				return fmt.Sprintf("%q %s", o, p)
			}
		}
	case KeyMethods:
		if len(f.Methods) == 0 {
			return "choose at least one method (space marks one)"
		}
	case KeyAllowed, KeyExposed:
		allowed := key == KeyAllowed
		list := f.Exposed
		if allowed {
			list = f.Allowed
		}
		for _, h := range SplitList(list) {
			if p := awsops.CORSHeaderProblem(h, allowed); p != "" {
				return fmt.Sprintf("%q %s", h, p)
			}
		}
	case KeyMaxAge:
		s := strings.TrimSpace(f.MaxAge)
		if s == "" {
			return ""
		}
		n, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err != nil && strings.Trim(s, "0123456789") == "":
			return fmt.Sprintf("%s is too large: at most %d seconds", s, math.MaxInt32)
		case err != nil || n < 0:
			return "type a number of seconds (0 or more), or leave it empty"
		case n > math.MaxInt32:
			return fmt.Sprintf("%s is too large: at most %d seconds", s, math.MaxInt32)
		}
	}
	return ""
}

// Check is Problem as an error, for huh's Validate.
func (f *Fields) Check(key string) error {
	if p := f.Problem(key); p != "" {
		return errors.New(p)
	}
	return nil
}

// Rule builds the rule, or the first field's problem.
func (f *Fields) Rule() (awsops.CORSRule, error) {
	for _, k := range []string{KeyID, KeyOrigins, KeyMethods, KeyAllowed, KeyExposed, KeyMaxAge} {
		if p := f.Problem(k); p != "" {
			return awsops.CORSRule{}, fmt.Errorf("%s: %s", k, p)
		}
	}
	r := awsops.CORSRule{
		ID:             strings.TrimSpace(f.ID),
		AllowedOrigins: SplitList(f.Origins),
		AllowedHeaders: SplitList(f.Allowed),
		ExposeHeaders:  SplitList(f.Exposed),
	}
	// Keep S3's order of methods whatever order they were marked in.
	for _, m := range awsops.CORSMethods() {
		for _, chosen := range f.Methods {
			if chosen == m {
				r.AllowedMethods = append(r.AllowedMethods, m)
				break
			}
		}
	}
	if s := strings.TrimSpace(f.MaxAge); s != "" {
		n, _ := strconv.ParseInt(s, 10, 32) // checked by Problem
		v := int32(n)
		r.MaxAgeSeconds = &v
	}
	return r, nil
}
