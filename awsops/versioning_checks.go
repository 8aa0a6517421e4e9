package awsops

import "fmt"

// Read-back checks of the versioning plans (verify.go). MinIO and moto
// answer 200 to MfaDelete=Enabled and then report it off (or not at all):
// the console must say so, never "MFA Delete: Enabled".

// mfaDeleteChecks reads MFA Delete back after the plan set it to want (and
// versioning to status, when not ""); enabling it adds the probe that a
// delete without a code is refused.
func mfaDeleteChecks(bucket, region string, want MFADeleteStatus, status VersioningStatus) []StepCheck {
	title := "versioning reads back MFA Delete " + string(want)
	if status != "" {
		title += " and status " + string(status)
	}
	read := ReadBack(FacetVersioning, bucket, region, title, func(got any) (bool, string) {
		v, _ := got.(Versioning)
		switch {
		case want == MFADeleteEnabled && v.MFADelete != MFADeleteEnabled:
			return false, "the endpoint accepted MFA Delete but does not report it enabled: it is not enforced here"
		case want == MFADeleteDisabled && v.MFADelete == MFADeleteEnabled:
			return false, "the endpoint accepted turning MFA Delete off but still reports it enabled"
		}
		return versioningStatusVerdict(v, status)
	})
	checks := []StepCheck{read}
	if want == MFADeleteEnabled {
		checks = append(checks, MFADeleteProbe(bucket, region))
	}
	return checks
}

// versioningChecks reads the versioning status back after SetVersioningPlan.
func versioningChecks(bucket, region string, status VersioningStatus) []StepCheck {
	return []StepCheck{ReadBack(FacetVersioning, bucket, region, "versioning reads back "+string(status), func(got any) (bool, string) {
		v, _ := got.(Versioning)
		return versioningStatusVerdict(v, status)
	})}
}

// versioningStatusVerdict compares the status read back with the one set.
func versioningStatusVerdict(v Versioning, status VersioningStatus) (bool, string) {
	if status != "" && v.Status != status {
		return false, fmt.Sprintf("the endpoint accepted versioning %s but reports it %s: it is not in force here", status, v.Status)
	}
	return true, ""
}
