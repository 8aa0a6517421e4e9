package awsops

import (
	"context"
	"fmt"
	"net/url"
)

// Check is one line of the MFA Delete checklist shown before any request.
// OK means the condition holds; a failed Blocking check means the change
// cannot succeed until Fix is done; a failed non-blocking check is a warning
// or something the plan itself can fix.
type Check struct {
	Name     string
	OK       bool
	Blocking bool
	Detail   string
	Fix      string
}

// Names of the preflight checks, in display order.
const (
	CheckRootUser       = "Root user"
	CheckLongTermKeys   = "Long-term access keys"
	CheckHTTPS          = "HTTPS endpoint"
	CheckVersioning     = "Versioning on"
	CheckNoLifecycle    = "No lifecycle rules"
	CheckMFADeviceFound = "MFA device"
)

// PreflightInput is everything EvaluatePreflight looks at. Nil pointers and
// non-empty error strings mean "could not be read".
type PreflightInput struct {
	Bucket         string
	Identity       Identity
	IdentityErr    string
	Endpoint       string // S3 endpoint URL in use
	SessionToken   bool   // the credentials carry a session token (temporary credentials)
	CredentialsErr string
	Versioning     *Versioning
	VersioningErr  string
	Lifecycle      *Lifecycle
	LifecycleErr   string
	Devices        []MFADevice
	DevicesErr     string
}

// PreflightBlocked reports whether any blocking check failed.
func PreflightBlocked(checks []Check) bool {
	for _, c := range checks {
		if !c.OK && c.Blocking {
			return true
		}
	}
	return false
}

// EvaluatePreflight is the pure core of MFAPreflight: the checklist for
// enabling MFA Delete on one bucket.
func EvaluatePreflight(in PreflightInput) []Check {
	return []Check{
		rootCheck(in),
		credentialsCheck(in),
		httpsCheck(in),
		versioningCheck(in),
		lifecycleCheck(in),
		deviceCheck(in),
	}
}

// rootCheck: only the bucket owner's root user may change MFA Delete.
func rootCheck(in PreflightInput) Check {
	c := Check{Name: CheckRootUser, Blocking: true}
	switch {
	case in.IdentityErr != "":
		c.Detail = "could not tell who the credentials belong to: " + in.IdentityErr
		c.Fix = "check the credentials (sts:GetCallerIdentity must answer)"
	case in.Identity.IsRoot:
		c.OK = true
		c.Detail = "signed in as the account's root user (" + in.Identity.ARN + ")"
	default:
		c.Detail = "signed in as " + in.Identity.ARN + ": only the bucket owner's root user can enable or disable MFA Delete, " +
			"and once it is on only the root user can delete versions or change versioning. " +
			"IAM policies with the aws:MultiFactorAuthPresent condition are a different mechanism: they require that a user signed in with MFA, " +
			"and do not make S3 ask for a code on each delete"
		c.Fix = "use the root user's access keys for this change (create them for the occasion and delete them afterwards)"
	}
	return c
}

// credentialsCheck: S3 refuses x-amz-mfa with temporary credentials.
func credentialsCheck(in PreflightInput) Check {
	c := Check{Name: CheckLongTermKeys, Blocking: true}
	switch {
	case in.CredentialsErr != "":
		c.Detail = "could not load the credentials: " + in.CredentialsErr
	case in.SessionToken:
		c.Detail = "the credentials are temporary (they carry a session token): S3 refuses an MFA code sent with them " +
			`("DevPay and Mfa are mutually exclusive authorization methods")`
		c.Fix = "use the root user's long-term access key id and secret, without AWS_SESSION_TOKEN"
	default:
		c.OK = true
		c.Detail = "long-term access keys (no session token)"
	}
	return c
}

// httpsCheck: S3 accepts x-amz-mfa only over HTTPS.
func httpsCheck(in PreflightInput) Check {
	c := Check{Name: CheckHTTPS, Blocking: true}
	u, err := url.Parse(in.Endpoint)
	switch {
	case err != nil || u.Scheme == "":
		c.Detail = fmt.Sprintf("the endpoint %q is not a URL", in.Endpoint)
		c.Fix = "use an https:// endpoint"
	case u.Scheme == "https":
		c.OK = true
		c.Detail = "requests travel over HTTPS (" + in.Endpoint + ")"
	default:
		c.Detail = "the endpoint " + in.Endpoint + " is not HTTPS: S3 accepts MFA codes only over HTTPS"
		c.Fix = "use the https:// endpoint (for the sandbox, its HTTPS URL and --ca-bundle)"
	}
	return c
}

// versioningCheck: MFA Delete protects versions; the plan can turn versioning on.
func versioningCheck(in PreflightInput) Check {
	c := Check{Name: CheckVersioning}
	switch {
	case in.Versioning == nil:
		c.Detail = "could not read the versioning state"
		if in.VersioningErr != "" {
			c.Detail += ": " + in.VersioningErr
		}
		c.Fix = "turn versioning on in the same plan"
	case in.Versioning.Status == VersioningEnabled:
		c.OK = true
		c.Detail = "versioning is enabled"
	case in.Versioning.Status == VersioningSuspended:
		c.Detail = "versioning is suspended: MFA Delete protects object versions, and overwrites now replace the null version"
		c.Fix = "turn versioning on in the same plan (one request, one code)"
	default:
		c.Detail = "versioning has never been enabled: MFA Delete protects object versions, so there is nothing to protect yet"
		c.Fix = "turn versioning on in the same plan (one request, one code)"
	}
	return c
}

// lifecycleCheck: lifecycle rules and MFA Delete are not supported together.
func lifecycleCheck(in PreflightInput) Check {
	c := Check{Name: CheckNoLifecycle, Blocking: true}
	switch {
	case in.Lifecycle == nil:
		c.Blocking = false
		c.Detail = "could not read the lifecycle configuration"
		if in.LifecycleErr != "" {
			c.Detail += ": " + in.LifecycleErr
		}
		c.Fix = "check that the bucket has no lifecycle rules: AWS does not support them on MFA Delete buckets"
	case in.Lifecycle.Rules == 0:
		c.OK = true
		c.Detail = "no lifecycle rules"
	default:
		c.Detail = fmt.Sprintf("the bucket has %d lifecycle rule(s): AWS does not support lifecycle configurations on MFA Delete buckets, "+
			"since expiring versions would be a delete without the root user's code", in.Lifecycle.Rules)
		c.Fix = "remove the lifecycle rules first: aws s3api delete-bucket-lifecycle " + cliOpt("bucket", in.Bucket)
	}
	return c
}

// deviceCheck: a TOTP device (virtual or hardware) must give the codes.
func deviceCheck(in PreflightInput) Check {
	c := Check{Name: CheckMFADeviceFound}
	var fido int
	for _, d := range in.Devices {
		if d.GivesCodes() {
			c.OK = true
			c.Detail = fmt.Sprintf("%s device %s", d.Type, d.Serial)
			return c
		}
		fido++
	}
	switch {
	case in.DevicesErr != "":
		c.Detail = "could not list the MFA devices: " + in.DevicesErr
		c.Fix = "have the serial of the root user's MFA device at hand (its ARN for a virtual device)"
	case fido > 0:
		c.Blocking = true
		c.Detail = "only FIDO security keys or passkeys are assigned: they cannot produce the 6-digit codes MFA Delete needs"
		c.Fix = "assign a virtual (authenticator app) or hardware TOTP device to the root user"
	default:
		c.Blocking = true
		c.Detail = "no MFA device is assigned to the caller"
		c.Fix = "create and enable a virtual MFA device for the root user first"
	}
	return c
}

// MFAPreflight gathers what EvaluatePreflight needs and returns the
// checklist for enabling MFA Delete on the bucket. Versioning and lifecycle
// are read again (the state may be stale); a facet that cannot be read
// falls back to the state's value. An empty identity is asked of STS.
func MFAPreflight(ctx context.Context, sess *Session, state BucketState, identity Identity) []Check {
	in := PreflightInput{Bucket: state.Name, Identity: identity, Endpoint: sess.Endpoint()}
	if identity.ARN == "" {
		id, err := sess.Identity(ctx)
		if err != nil {
			in.IdentityErr = Classify(err).Error()
		}
		in.Identity = id
	}
	if creds, err := sess.cfg.Credentials.Retrieve(ctx); err != nil {
		in.CredentialsErr = err.Error()
	} else {
		in.SessionToken = creds.SessionToken != ""
	}
	c := sess.s3Client(state.Region)
	if v, err := readVersioning(sess, ctx, c, state.Name); err == nil {
		vv := v.(Versioning)
		in.Versioning = &vv
	} else {
		in.Versioning, in.VersioningErr = state.Versioning, Classify(err).Error()
	}
	if l, err := readLifecycle(sess, ctx, c, state.Name); err == nil {
		ll := l.(Lifecycle)
		in.Lifecycle = &ll
	} else {
		in.Lifecycle, in.LifecycleErr = state.Lifecycle, Classify(err).Error()
	}
	if devices, err := sess.MFADevices(ctx); err != nil {
		in.DevicesErr = Classify(err).Error()
	} else {
		in.Devices = devices
	}
	return EvaluatePreflight(in)
}
