package awsops

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Warnings shared by the versioning plans.
const (
	warnNeverUnversioned = "A bucket can never return to unversioned: versioning can only be suspended later."
	warnFirstEnable      = "Right after versioning is first enabled, AWS may answer some writes with 404 for a short while; it recommends waiting about 15 minutes before writing."
	warnMFADeleteEffect  = "Once MFA Delete is on, only the root user, with this MFA device, can permanently delete object versions or change versioning; every such request needs a fresh code, and the S3 console cannot delete versions of this bucket."
	warnKeepDevice       = "Keep the root user's MFA device available: without it no version can be deleted and versioning cannot be changed."
	warnVersioningUnread = "The bucket's versioning state could not be read: the plan assumes MFA Delete is off. If it is on, S3 will refuse the request until an MFA code is given."
)

// versioningOf returns the bucket's versioning facet and whether it was read.
func versioningOf(state BucketState) (Versioning, bool) {
	if state.Versioning == nil {
		return Versioning{Status: VersioningNever, MFADelete: MFADeleteNever}, false
	}
	return *state.Versioning, true
}

// lifecycleRules returns the bucket's lifecycle rule count, 0 when unread.
func lifecycleRules(state BucketState) int {
	if state.Lifecycle == nil {
		return 0
	}
	return state.Lifecycle.Rules
}

// EnableMFADeletePlan turns MFA Delete on with one PutBucketVersioning call
// carrying x-amz-mfa. With alsoEnableVersioning (or when versioning is
// already on) the same request sets Status=Enabled; otherwise a suspended
// bucket stays suspended, and a never-versioned bucket gets no Status (with a
// warning: MFA Delete protects versions, so versioning should be turned on).
func EnableMFADeletePlan(state BucketState, serial string, alsoEnableVersioning bool) Plan {
	v, known := versioningOf(state)
	status := v.Status
	turnsOn := false
	switch {
	case alsoEnableVersioning || status == VersioningEnabled:
		turnsOn = status != VersioningEnabled
		status = VersioningEnabled
	case status == VersioningNever:
		status = "" // cannot be sent: the element is left out
	}
	p := Plan{Title: "Enable MFA Delete on " + state.Name, Bucket: state.Name, Region: state.Region}
	p.Steps = []Step{putVersioningStep(state, status, MFADeleteEnabled, true, serial, "Enable MFA Delete")}
	p.Steps[0].Checks = mfaDeleteChecks(state.Name, state.Region, MFADeleteEnabled, status)
	if turnsOn {
		p.Steps[0].Title = "Enable versioning and MFA Delete"
	}
	p.Warnings = append(p.Warnings, warnMFADeleteEffect, warnKeepDevice)
	if n := lifecycleRules(state); n > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("The bucket has %d lifecycle rule(s): AWS does not support lifecycle configurations on MFA Delete buckets. Remove them first (aws s3api delete-bucket-lifecycle --bucket %s).", n, state.Name))
	}
	switch {
	case turnsOn && v.Status == VersioningNever && known:
		p.Warnings = append(p.Warnings, "Versioning is turned on in the same request. "+warnNeverUnversioned, warnFirstEnable)
	case turnsOn:
		p.Warnings = append(p.Warnings, "Versioning is turned on in the same request.")
	case status == VersioningSuspended:
		p.Warnings = append(p.Warnings, "Versioning stays suspended: overwrites and deletes still replace the null version, which MFA Delete does not protect. Consider enabling versioning in the same plan.")
	case status == "" && known:
		p.Warnings = append(p.Warnings, "Versioning is off: MFA Delete protects object versions, so it has nothing to protect until versioning is on, and S3 may refuse it. Turn versioning on in the same plan.")
	}
	if v.MFADelete == MFADeleteEnabled {
		p.Warnings = append(p.Warnings, "MFA Delete is already enabled: applying repeats the current setting.")
	}
	if !known {
		p.Warnings = append(p.Warnings, "The bucket's versioning state could not be read: check it before applying.")
	}
	return p
}

// DisableMFADeletePlan turns MFA Delete off, keeping the versioning status;
// S3 requires the MFA code for this as well.
func DisableMFADeletePlan(state BucketState, serial string) Plan {
	v, known := versioningOf(state)
	status := v.Status
	if status == VersioningNever {
		status = ""
	}
	p := Plan{Title: "Disable MFA Delete on " + state.Name, Bucket: state.Name, Region: state.Region}
	p.Steps = []Step{putVersioningStep(state, status, MFADeleteDisabled, true, serial, "Disable MFA Delete")}
	p.Steps[0].Checks = mfaDeleteChecks(state.Name, state.Region, MFADeleteDisabled, status)
	p.Warnings = append(p.Warnings, "Without MFA Delete, anyone allowed s3:DeleteObjectVersion can permanently delete every version without a second factor.")
	if known && v.MFADelete != MFADeleteEnabled {
		p.Warnings = append(p.Warnings, "MFA Delete is not enabled on this bucket: applying changes nothing.")
	}
	if !known {
		p.Warnings = append(p.Warnings, "The bucket's versioning state could not be read: check it before applying.")
	}
	return p
}

// SetVersioningPlan enables or suspends versioning. When MFA Delete is on
// the request needs the code and repeats MfaDelete=Enabled, so that MFA
// Delete stays on whatever S3 does with an absent element. Any status other
// than Enabled or Suspended gives a plan whose step refuses to run.
func SetVersioningPlan(state BucketState, status VersioningStatus, serial string) Plan {
	v, known := versioningOf(state)
	p := Plan{Bucket: state.Name, Region: state.Region}
	switch status {
	case VersioningEnabled:
		p.Title = "Enable versioning on " + state.Name
	case VersioningSuspended:
		p.Title = "Suspend versioning on " + state.Name
	default:
		reason := fmt.Sprintf("versioning cannot be set to %q: only Enabled or Suspended can be sent (%s)", status, warnNeverUnversioned)
		p.Title = "Change versioning on " + state.Name
		p.Steps = []Step{refusedStep("Change versioning", "s3:PutBucketVersioning", reason)}
		p.Warnings = []string{reason}
		return p
	}
	mfaOn := v.MFADelete == MFADeleteEnabled
	var mfaDelete MFADeleteStatus
	if mfaOn {
		mfaDelete = MFADeleteEnabled
	}
	title := "Enable versioning"
	if status == VersioningSuspended {
		title = "Suspend versioning"
	}
	p.Steps = []Step{putVersioningStep(state, status, mfaDelete, mfaOn, serial, title)}
	p.Steps[0].Checks = versioningChecks(state.Name, state.Region, status)
	if known && v.Status == status {
		p.Warnings = append(p.Warnings, fmt.Sprintf("Versioning is already %s: applying repeats the current setting.", status))
	}
	switch status {
	case VersioningSuspended:
		p.Warnings = append(p.Warnings, "Suspending keeps every existing version, but from now on an overwrite or a delete replaces the key's null version: overwritten data is no longer kept.")
	case VersioningEnabled:
		p.Warnings = append(p.Warnings, "Every overwrite and delete now keeps the previous version: storage grows until old versions are deleted or expired.")
		if !known || v.Status == VersioningNever {
			p.Warnings = append(p.Warnings, warnNeverUnversioned, warnFirstEnable)
		}
		if n := lifecycleRules(state); n > 0 {
			p.Warnings = append(p.Warnings, fmt.Sprintf("The bucket has %d lifecycle rule(s): expiration of current versions now creates delete markers instead of deleting; add a NoncurrentVersionExpiration rule to remove old versions.", n))
		}
	}
	if mfaOn {
		p.Warnings = append(p.Warnings, "MFA Delete is on: only the root user can change versioning, with a code from its MFA device; MFA Delete stays on.")
	}
	if !known {
		p.Warnings = append(p.Warnings, warnVersioningUnread)
	}
	return p
}

// putVersioningStep builds one PutBucketVersioning call. An empty status or
// mfaDelete leaves that element out of the request.
func putVersioningStep(state BucketState, status VersioningStatus, mfaDelete MFADeleteStatus, needsMFA bool, serial, title string) Step {
	bucket, region := state.Name, state.Region
	params := []string{"Bucket=" + bucket}
	var shorthand []string
	if status != "" {
		params = append(params, "VersioningConfiguration.Status="+string(status))
		shorthand = append(shorthand, "Status="+string(status))
	}
	if mfaDelete != "" {
		params = append(params, "VersioningConfiguration.MFADelete="+string(mfaDelete))
		shorthand = append(shorthand, "MFADelete="+string(mfaDelete))
	}
	cli := "aws s3api put-bucket-versioning " + cliOpt("bucket", bucket) + " " + cliOpt("versioning-configuration", strings.Join(shorthand, ","))
	if needsMFA {
		params = append(params, mfaParam(serial))
		cli += " " + mfaCLIFlag(serial)
	}
	return Step{
		Title: title, API: "s3:PutBucketVersioning", Params: params, CLI: cli, NeedsMFA: needsMFA,
		run: func(ctx context.Context, s *Session, m MFA) error {
			in := &s3.PutBucketVersioningInput{
				Bucket: aws.String(bucket),
				VersioningConfiguration: &types.VersioningConfiguration{
					Status:    types.BucketVersioningStatus(status),
					MFADelete: types.MFADelete(mfaDelete),
				},
			}
			if needsMFA {
				h, err := mfaHeader(s, m)
				if err != nil {
					return err
				}
				in.MFA = aws.String(h)
			}
			_, err := s.s3Client(region).PutBucketVersioning(ctx, in)
			return mfaCallError("s3:PutBucketVersioning", err, needsMFA)
		},
	}
}

// refusedStep is a step that cannot be applied: the plan shows why, and
// Apply fails with that reason instead of sending anything.
func refusedStep(title, api, reason string) Step {
	return Step{
		Title: title, API: api, Params: []string{"Refused=" + reason}, CLI: "# not possible: " + reason,
		run: func(context.Context, *Session, MFA) error { return errors.New(reason) },
	}
}
