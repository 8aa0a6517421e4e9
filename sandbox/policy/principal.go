package policy

import (
	"regexp"
	"slices"
	"strings"
)

// principalSet is a parsed Principal or NotPrincipal value.
type principalSet struct {
	everyone  bool     // "*" or {"AWS":"*"}
	accounts  []string // account ids: a root ARN or bare id names every principal of the account
	arns      []string // IAM user, role and session ARNs, matched exactly
	userIDs   []string // unique ids (AIDA..., AROA...)
	services  []string
	canonical []string // canonical user ids: the account's root
	// Federated principals are parsed and never match: the sandbox has no
	// web-identity or SAML sessions, so no request comes from one.
}

var (
	accountID   = regexp.MustCompile(`^[0-9]{12}$`)
	rootARN     = regexp.MustCompile(`^arn:aws:iam::([0-9]{12}):root$`)
	uniqueID    = regexp.MustCompile(`^(AIDA|AROA)[A-Z0-9]{16,}$`)
	iamARN      = regexp.MustCompile(`^arn:aws:(iam|sts)::[0-9]{12}:[^*?]+$`)
	serviceName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$`)
	canonicalID = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// parsePrincipal reads a Principal value: "*" or an object of principal
// types, each a string or a list of strings.
func parsePrincipal(v any) (principalSet, *Error) {
	var ps principalSet
	if s, ok := v.(string); ok {
		if s != "*" {
			return ps, malformed(msgInvalidPrincipal)
		}
		ps.everyone = true
		return ps, nil
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return ps, malformed(msgInvalidPrincipal)
	}
	for typ, raw := range m {
		values, ok := stringList(raw)
		if !ok || len(values) == 0 {
			return ps, malformed(msgInvalidPrincipal)
		}
		for _, p := range values {
			if err := ps.add(typ, p); err != nil {
				return ps, err
			}
		}
	}
	return ps, nil
}

// add records one principal of a type.
func (ps *principalSet) add(typ, p string) *Error {
	switch typ {
	case "AWS":
		switch {
		case p == "*":
			ps.everyone = true
		case accountID.MatchString(p):
			ps.accounts = append(ps.accounts, p)
		case rootARN.MatchString(p):
			ps.accounts = append(ps.accounts, rootARN.FindStringSubmatch(p)[1])
		case uniqueID.MatchString(p):
			ps.userIDs = append(ps.userIDs, p)
		case iamARN.MatchString(p) || strings.HasPrefix(p, "arn:aws:iam::cloudfront:user/"):
			ps.arns = append(ps.arns, p)
		default:
			return malformed(msgInvalidPrincipal)
		}
	case "Service":
		if !serviceName.MatchString(p) {
			return malformed(msgInvalidPrincipal)
		}
		ps.services = append(ps.services, p)
	case "CanonicalUser":
		if !canonicalID.MatchString(p) {
			return malformed(msgInvalidPrincipal)
		}
		ps.canonical = append(ps.canonical, p)
	case "Federated":
		// Accepted; never matches (see principalSet).
	default:
		return malformed(msgInvalidPrincipal)
	}
	return nil
}

// matches reports whether the set names the caller. "*" names everyone,
// anonymous callers and services included; an account names every IAM
// principal of that account.
func (ps principalSet) matches(p Principal) bool {
	if ps.everyone {
		return true
	}
	switch p.Kind {
	case IAM:
		return slices.Contains(ps.accounts, p.Account) || slices.Contains(ps.arns, p.ARN) ||
			(p.UserID != "" && slices.Contains(ps.userIDs, p.UserID)) ||
			(p.CanonicalID != "" && slices.Contains(ps.canonical, p.CanonicalID))
	case Service:
		return slices.Contains(ps.services, p.Service)
	}
	return false
}
