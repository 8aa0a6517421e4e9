package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// uploadEncryptionCheck reads an uploaded object back with HeadObject and
// compares the server-side encryption it reports with the mode requested:
// versitygw, for one, accepts the SSE headers and stores plaintext, and an
// upload must then not be reported as encrypted. Nil when the upload asked
// for no server-side mode (the bucket default, or client-side encryption).
func uploadEncryptionCheck(ctx context.Context, c *s3.Client, in UploadInput, res UploadResult) *CheckResult {
	switch in.Mode {
	case SSES3, SSEKMS, DSSEKMS, SSEC:
	default:
		return nil
	}
	r := &CheckResult{Kind: CheckReadBack, API: "s3:HeadObject", Title: "the object reads back " + string(in.Mode)}
	head := headObject(ctx, c, in.Bucket, ObjectRef{Key: in.Key, VersionID: res.VersionID})
	switch {
	case head.Err != nil:
		r.Outcome, r.Detail = CheckInconclusive, "could not read the object back: "+head.Err.Error()
	case head.Mode == in.Mode:
		r.Outcome, r.Detail = CheckPassed, "HeadObject reports "+string(head.Mode)
	case head.Mode == SSENone || head.Mode == SSEDefault:
		r.Outcome, r.Detail = CheckFailed, "the endpoint accepted "+string(in.Mode)+" but reports no encryption for the object: it stored it unencrypted"
	default:
		r.Outcome, r.Detail = CheckFailed, "the endpoint accepted "+string(in.Mode)+" but reports the object as "+string(head.Mode)
	}
	return r
}
