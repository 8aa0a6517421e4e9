// Package policy evaluates S3 bucket policies with AWS's logic, for the
// sandbox. Parse turns a policy document into a Policy; Policy.Evaluate
// answers Allow, ExplicitDeny or ImplicitDeny for one request: any
// applicable Deny wins, then any applicable Allow, else nothing allows.
//
// The package decides only what the bucket policy says. Combining that with
// the caller's identity permissions, Block Public Access and the root user's
// lock-out exemption is the sandbox's job (sandbox/policy_check.go).
//
// Parse refuses what it cannot evaluate faithfully. An *Error with
// Unsupported set marks a document AWS accepts but this package does not
// model (the Binary operator, the ${*} and ${?} variables, condition keys whose
// value the sandbox does not supply): the sandbox answers 501
// NotImplemented rather than ignoring the element. Other errors mark a
// document AWS itself refuses (MalformedPolicy); the sandbox validates with
// sandbox/bucketconfig first, so those reach Parse only from direct callers
// such as the fuzz target.
package policy
