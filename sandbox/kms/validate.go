package kms

import (
	"strconv"
	"strings"
)

// validator collects model-constraint violations, which AWS reports
// together in one ValidationException.
type validator struct{ problems []string }

// required records a missing required member.
func (v *validator) required(field string, present bool) {
	if !present {
		v.problems = append(v.problems, "Value null at '"+field+"' failed to satisfy constraint: Member must not be null")
	}
}

// length checks a string member's length; KMS echoes the value in the message.
func (v *validator) length(field, value string, lo, hi int) {
	v.lengthOf(field, "'"+value+"' ", len(value), lo, hi)
}

// secretLength checks a sensitive member's length without echoing it, as
// KMS does for plaintext and ciphertext.
func (v *validator) secretLength(field string, n, lo, hi int) { v.lengthOf(field, "", n, lo, hi) }

// lengthOf records a length outside [lo, hi]; shown is the quoted value and a space, or "".
func (v *validator) lengthOf(field, shown string, n, lo, hi int) {
	switch {
	case n < lo:
		v.problems = append(v.problems, "Value "+shown+"at '"+field+"' failed to satisfy constraint: Member must have length greater than or equal to "+strconv.Itoa(lo))
	case n > hi:
		v.problems = append(v.problems, "Value "+shown+"at '"+field+"' failed to satisfy constraint: Member must have length less than or equal to "+strconv.Itoa(hi))
	}
}

// keyID checks a key reference member (key id, ARN or alias): present when
// required, 1–2048 characters.
func (v *validator) keyID(field string, id *string, required bool) {
	if required {
		v.required(field, id != nil)
	}
	if id != nil {
		v.length(field, *id, 1, 2048)
	}
}

// intRange checks an optional integer member.
func (v *validator) intRange(field string, value *int, lo, hi int) {
	switch {
	case value == nil:
	case *value < lo:
		v.problems = append(v.problems, "Value '"+strconv.Itoa(*value)+"' at '"+field+"' failed to satisfy constraint: Member must have value greater than or equal to "+strconv.Itoa(lo))
	case *value > hi:
		v.problems = append(v.problems, "Value '"+strconv.Itoa(*value)+"' at '"+field+"' failed to satisfy constraint: Member must have value less than or equal to "+strconv.Itoa(hi))
	}
}

// enum checks an optional enumeration member ("" = absent).
func (v *validator) enum(field, value string, allowed ...string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.problems = append(v.problems, "Value '"+value+"' at '"+field+"' failed to satisfy constraint: Member must satisfy enum value set: ["+strings.Join(allowed, ", ")+"]")
}

// err is the ValidationException for the recorded problems, or nil.
func (v *validator) err() *Error {
	if len(v.problems) == 0 {
		return nil
	}
	return validationError(len(v.problems), strings.Join(v.problems, "; "))
}
