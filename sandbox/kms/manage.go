package kms

import (
	"regexp"
	"strconv"
	"strings"
)

// aliasPattern is the AliasName constraint of the KMS model.
var aliasPattern = regexp.MustCompile(`^[a-zA-Z0-9:/_-]+$`)

// createAlias validates an alias name and points it at a customer-managed
// key on behalf of principal.
func (s *Service) createAlias(principal, region, name, target string) *Error {
	if e := validateAliasName(name); e != nil {
		return e
	}
	if strings.HasPrefix(name, "alias/aws/") {
		return newError(ErrNotAuthorized, "") // reserved for AWS-managed keys
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.identityDenied(principal, "CreateAlias", s.aliasARN(region, name)); e != nil {
		return e
	}
	k, e := s.resolve(region, target, keysOnly)
	if e != nil {
		return e
	}
	if e := s.identityDenied(principal, "CreateAlias", k.arn); e != nil {
		return e
	}
	if k.manager == managerAWS {
		return errPolicyDenied(principal, "CreateAlias", k.arn)
	}
	if !k.deletionDate.IsZero() {
		return errPendingDeletion(k.arn)
	}
	rk := s.region(region)
	if rk.aliases[name] != nil {
		return newError(ErrAlreadyExists, "An alias with the name "+s.aliasARN(region, name)+" already exists")
	}
	now := s.now()
	rk.aliases[name] = &alias{name: name, target: k, created: now, updated: now}
	return nil
}

// validateAliasName applies the AliasName checks in KMS's order: model
// constraints, then the prefix, then the characters KMS refuses in names.
func validateAliasName(name string) *Error {
	switch {
	case name == "":
		return validationError(1, "Value null at 'aliasName' failed to satisfy constraint: Member must not be null")
	case len(name) > 256:
		return validationError(1, "Value '"+name+"' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256")
	case !aliasPattern.MatchString(name):
		return validationError(1, "Value '"+name+"' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")
	case !strings.HasPrefix(name, "alias/") || name == "alias/":
		return newError(ErrValidation, `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`)
	case strings.Contains(name, ":"):
		return newError(ErrValidation, name+" contains invalid characters for an alias")
	}
	return nil
}

// setEnabled is EnableKey / DisableKey on behalf of principal. AWS-managed
// keys cannot be changed by customers, and a key pending deletion must be
// restored first.
func (s *Service) setEnabled(principal, region, ref string, refs keyRefs, enabled bool) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, e := s.resolve(region, ref, refs)
	if e != nil {
		return e
	}
	action := "DisableKey"
	if enabled {
		action = "EnableKey"
	}
	if e := s.identityDenied(principal, action, k.arn); e != nil {
		return e
	}
	if k.manager == managerAWS {
		return errPolicyDenied(principal, action, k.arn)
	}
	if !k.deletionDate.IsZero() {
		return errPendingDeletion(k.arn)
	}
	k.enabled = enabled
	return nil
}

// validationError formats a model-constraint ValidationException the way
// AWS's front end does: "<n> validation error(s) detected: <details>".
func validationError(n int, details string) *Error {
	noun := "error"
	if n > 1 {
		noun = "errors"
	}
	return newError(ErrValidation, strconv.Itoa(n)+" validation "+noun+" detected: "+details)
}
