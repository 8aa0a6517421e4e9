package policy

// SuppliedKeys are the condition keys (lower case) the sandbox puts in a
// request's context when the request has them (sandbox/policy_check.go and
// the log delivery). A policy may test only these and the AbsentKeys: any
// other key would be evaluated as missing when on AWS it may be present, so
// Parse refuses it as unsupported instead.
var SuppliedKeys = map[string]bool{
	"aws:securetransport":       true, // always: true only on the HTTPS listener
	"aws:principalarn":          true, // signed requests
	"aws:principalaccount":      true,
	"aws:principaltype":         true, // Account (root) or User
	"aws:userid":                true,
	"aws:username":              true, // IAM users only
	"aws:sourceip":              true,
	"aws:sourcearn":             true, // only when a service acts for a resource (log delivery)
	"aws:sourceaccount":         true, // likewise
	"aws:viaawsservice":         true,
	"aws:principalisawsservice": true,
	"aws:currenttime":           true, // the sandbox clock (Options.Clock)
	"aws:epochtime":             true,
	"s3:tlsversion":             true, // HTTPS only
	"s3:signatureversion":       true,
	"s3:authtype":               true,
	"s3:resourceaccount":        true,
	"s3:prefix":                 true, // listing parameters, when sent
	"s3:delimiter":              true,
	"s3:max-keys":               true,
	"s3:versionid":              true,
	// Request headers, when sent: they describe what the client asked for,
	// not what the object ends up with (S3-BEHAVIOR 6.3).
	"s3:x-amz-server-side-encryption":                    true,
	"s3:x-amz-server-side-encryption-aws-kms-key-id":     true,
	"s3:x-amz-server-side-encryption-customer-algorithm": true,
	"s3:x-amz-acl":            true,
	"s3:x-amz-storage-class":  true,
	"s3:x-amz-content-sha256": true,
}

// AbsentKeys are keys no sandbox request can carry, so evaluating them as
// missing is faithful: there are no VPC endpoints, organisations, MFA
// sessions (the sandbox's keys are long-term, for which AWS omits the MFA
// keys too) or calls forwarded by other services.
var AbsentKeys = map[string]bool{
	"aws:sourcevpc": true, "aws:sourcevpce": true, "aws:vpcsourceip": true,
	"aws:principalorgid": true, "aws:principalorgpaths": true,
	"aws:sourceorgid": true, "aws:sourceorgpaths": true,
	"aws:multifactorauthpresent": true, "aws:multifactorauthage": true,
	"aws:calledvia": true, "aws:calledviafirst": true, "aws:calledvialast": true,
	"aws:principalservicename": true, "aws:federatedprovider": true,
	"aws:tokenissuetime": true, "aws:sourceidentity": true,
}
