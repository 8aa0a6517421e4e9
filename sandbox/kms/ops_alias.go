package kms

import "strings"

// createAliasInput is the input of CreateAlias.
type createAliasInput struct {
	AliasName   *string `json:"AliasName"`
	TargetKeyID *string `json:"TargetKeyId"`
}

// opCreateAlias creates an alias for a customer-managed key (S3-BEHAVIOR 7.2).
func opCreateAlias(q *request) (any, *Error) {
	var in createAliasInput
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.required("aliasName", in.AliasName != nil)
	v.keyID("targetKeyId", in.TargetKeyID, true)
	if e := v.err(); e != nil {
		return nil, e
	}
	return nil, q.s.createAlias(q.caller.arn, q.region, *in.AliasName, *in.TargetKeyID)
}

// opDeleteAlias deletes a customer alias; the key is untouched.
func opDeleteAlias(q *request) (any, *Error) {
	var in struct {
		AliasName *string `json:"AliasName"`
	}
	if e := decodeBody(q.r, &in); e != nil {
		return nil, e
	}
	var v validator
	v.required("aliasName", in.AliasName != nil)
	if e := v.err(); e != nil {
		return nil, e
	}
	name := *in.AliasName
	if e := validateAliasName(name); e != nil {
		return nil, e
	}
	if strings.HasPrefix(name, "alias/aws/") {
		return nil, newError(ErrNotAuthorized, "")
	}
	s := q.s
	if e := s.identityDenied(q.caller.arn, "DeleteAlias", s.aliasARN(q.region, name)); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rk := s.region(q.region)
	if rk.aliases[name] == nil {
		return nil, aliasNotFound(s.aliasARN(q.region, name))
	}
	delete(rk.aliases, name)
	return nil, nil
}
