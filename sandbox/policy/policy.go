package policy

// Effect is a statement's Effect.
type Effect uint8

const (
	// Allow grants the request when no Deny applies.
	Allow Effect = iota + 1
	// Deny refuses the request whatever else applies.
	Deny
)

// Decision is what a policy says about one request.
type Decision uint8

const (
	// ImplicitDeny: no statement applies; the identity's own permissions decide.
	ImplicitDeny Decision = iota
	// Allowed: an Allow statement applies and no Deny does.
	Allowed
	// ExplicitDeny: a Deny statement applies; nothing can override it.
	ExplicitDeny
)

// String names a decision for messages and test failures.
func (d Decision) String() string {
	switch d {
	case ImplicitDeny:
		return "ImplicitDeny"
	case Allowed:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "Decision(?)"
}

// PrincipalKind says who made a request.
type PrincipalKind uint8

const (
	// Anonymous is an unsigned request: only "*" names it.
	Anonymous PrincipalKind = iota
	// IAM is an authenticated account root, user or role session.
	IAM
	// Service is an AWS service acting itself (logging.s3.amazonaws.com).
	Service
)

// Principal is the caller as policies see it.
type Principal struct {
	Kind        PrincipalKind
	ARN         string // IAM: arn:aws:iam::ACCOUNT:root or :user/NAME
	Account     string // IAM: the principal's account id
	UserID      string // IAM: the unique id (AIDA...) a policy may name instead of the ARN
	CanonicalID string // IAM: the account's canonical user id (CanonicalUser principals)
	Service     string // Service: its principal name
}

// Request is one request's evaluation context. Keys holds the condition keys
// the request carries, by lower-case name (condition key names are
// case-insensitive; their values are not).
type Request struct {
	Principal Principal
	Action    string // s3:GetObject
	Resource  string // arn:aws:s3:::bucket or arn:aws:s3:::bucket/key
	Keys      map[string][]string
}

// Result is a decision and the statement that made it (nil for ImplicitDeny).
type Result struct {
	Decision  Decision
	Statement *Statement
}

// Policy is a parsed bucket policy.
type Policy struct {
	Version    string
	Statements []Statement
}

// Statement is one parsed statement.
type Statement struct {
	Sid          string
	Effect       Effect
	principals   principalSet
	notPrincipal bool
	actions      []string // lower case
	notAction    bool
	resources    texts
	notResource  bool
	conditions   []condition
}

// Evaluate applies the policy to a request: an applicable Deny wins, then an
// applicable Allow; a nil policy allows nothing and denies nothing.
func (p *Policy) Evaluate(r Request) Result {
	if p == nil {
		return Result{}
	}
	var allow *Statement
	for i := range p.Statements {
		st := &p.Statements[i]
		if !st.Applies(r) {
			continue
		}
		if st.Effect == Deny {
			return Result{Decision: ExplicitDeny, Statement: st}
		}
		if allow == nil {
			allow = st
		}
	}
	if allow != nil {
		return Result{Decision: Allowed, Statement: allow}
	}
	return Result{}
}

// Applies reports whether the statement's principal, action, resource and
// every condition match the request.
func (st *Statement) Applies(r Request) bool {
	return st.principals.matches(r.Principal) != st.notPrincipal &&
		st.matchesAction(r.Action) && st.matchesResource(r.Resource, r.Keys) &&
		st.conditionsHold(r.Keys)
}

// matchesAction applies Action or NotAction (action names are case-insensitive).
func (st *Statement) matchesAction(action string) bool {
	a := toLower(action)
	for _, p := range st.actions {
		if wildcardMatch(p, a) {
			return !st.notAction
		}
	}
	return st.notAction
}

// matchesResource applies Resource or NotResource (ARNs are case-sensitive),
// with policy variables substituted from the request.
func (st *Statement) matchesResource(resource string, keys map[string][]string) bool {
	for _, p := range st.resources.resolved(keys) {
		if wildcardMatch(p, resource) {
			return !st.notResource
		}
	}
	return st.notResource
}

// conditionsHold requires every condition (operator x key) to hold.
func (st *Statement) conditionsHold(keys map[string][]string) bool {
	for _, c := range st.conditions {
		values, present := keys[c.key]
		if !c.holds(values, present, keys) {
			return false
		}
	}
	return true
}
