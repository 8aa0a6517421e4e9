package kms

// identityDenied returns the AccessDeniedException for a principal whose
// identity policy explicitly denies kms:action, or nil. resource is the key
// or alias ARN, "" for actions that take none (CreateKey, ListKeys, ...).
// Calls S3 makes on the caller's behalf (principal "") are S3's to check.
func (s *Service) identityDenied(principal, action, resource string) *Error {
	if principal == "" || s.denies == nil || !s.denies(principal, "kms:"+action) {
		return nil
	}
	on := ""
	if resource != "" {
		on = " on resource: " + resource
	}
	return newError(ErrAccessDenied, "User: "+principal+" is not authorized to perform: kms:"+action+on+
		" with an explicit deny in an identity-based policy")
}
