package kms

import "strings"

// keyRefs says which kinds of identifier an operation accepts for KeyId.
type keyRefs int

const (
	keysOnly       keyRefs = iota // key id or key ARN (EnableKey, CreateAlias's target, ...)
	keysAndAliases                // also alias name and alias ARN (crypto operations, DescribeKey)
)

// resolve finds the key a KeyId names in region, with the NotFoundException
// messages of S3-BEHAVIOR 7.2; alias/aws/s3 creates the AWS-managed key on
// first use. The caller holds s.mu.
func (s *Service) resolve(region, ref string, refs keyRefs) (*key, *Error) {
	if strings.HasPrefix(ref, "arn:") {
		return s.resolveARN(region, ref, refs)
	}
	if strings.HasPrefix(ref, "alias/") && refs == keysAndAliases {
		return s.resolveAlias(region, ref)
	}
	if !isKeyID(ref) {
		return nil, newError(ErrNotFound, "Invalid keyId '"+ref+"'")
	}
	if k := s.region(region).byID[ref]; k != nil {
		return k, nil
	}
	return nil, keyNotFound(s.keyARN(region, ref))
}

// resolveARN finds the key of a key ARN or alias ARN.
func (s *Service) resolveARN(region, arn string, refs keyRefs) (*key, *Error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[1] != "aws" || parts[2] != "kms" || parts[4] == "" {
		return nil, newError(ErrNotFound, "Invalid arn "+arn)
	}
	if parts[3] != region {
		return nil, newError(ErrNotFound, "Invalid arn "+parts[3])
	}
	resource := parts[5]
	switch {
	case strings.HasPrefix(resource, "key/") && isKeyID(resource[4:]):
		if parts[4] == s.account {
			if k := s.region(region).byID[resource[4:]]; k != nil {
				return k, nil
			}
		}
		return nil, keyNotFound(arn)
	case strings.HasPrefix(resource, "alias/") && refs == keysAndAliases:
		if parts[4] != s.account {
			return nil, aliasNotFound(arn)
		}
		return s.resolveAlias(region, resource)
	}
	return nil, newError(ErrNotFound, "Invalid keyId '"+arn+"'")
}

// resolveAlias finds the target of an alias name ("alias/x").
func (s *Service) resolveAlias(region, name string) (*key, *Error) {
	if name == s3ManagedAlias {
		return s.s3ManagedKey(region), nil
	}
	if a := s.region(region).aliases[name]; a != nil {
		return a.target, nil
	}
	return nil, aliasNotFound(s.aliasARN(region, name))
}

// keyNotFound is the answer for a well-formed key id or ARN that names no key.
func keyNotFound(keyARN string) *Error {
	return newError(ErrNotFound, "Key '"+keyARN+"' does not exist")
}

// aliasNotFound is the answer for an alias that does not exist.
func aliasNotFound(aliasARN string) *Error {
	return newError(ErrNotFound, "Alias "+aliasARN+" is not found.")
}
