package tour

import (
	"context"
	"fmt"
	"strings"

	"github.com/s3sec/s3sec/awsops"
)

// webOrigin is the web page that wants to call the bucket from a browser.
const webOrigin = "https://app.example.com"

func stepCORS() Step {
	return Step{
		ID:    "cors",
		Title: "CORS: which web pages may call the bucket",
		What:  []string{"A browser asks first (an OPTIONS preflight) before a page on another origin may call S3; the bucket's CORS rules answer."},
		Why: []string{"No rule: the page's calls fail in the browser. Too wide a rule (AllowedOrigin *, PUT) lets any site use a visitor's browser against the bucket.",
			"CORS is not access control: it only tells browsers what to allow; the policy decides who may."},
		Cost:   []string{"Free. The risk is a wildcard rule on a bucket that accepts writes."},
		Screen: "CORS pane of " + bucketWeb + ": the rules with notes; t tests a preflight, e edits the rules.",
		Bucket: bucketWeb, Pane: "CORS",
		Action: "Send a preflight from " + webOrigin + ", add one GET rule for it, send the preflight again.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketWeb); err != nil {
				return o, err
			}
			// A rehearsal starts where the first run did: without rules.
			if st := e.state(ctx, bucketWeb); st.CORS != nil && len(st.CORS.Rules) > 0 {
				if err := e.S3.Apply(ctx, awsops.DeleteCORSPlan(bucketWeb, region), awsops.MFA{}, nil); err != nil {
					return o, err
				}
				o.Lines = append(o.Lines, "s3:DeleteBucketCors: the rule of the last run removed, to start again.")
			}
			req := awsops.CORSRequest{Origin: webOrigin, Method: "GET", Preflight: true}
			before, err := e.S3.SendPreflight(ctx, bucketWeb, region, "index.html", req)
			if err != nil {
				return o, err
			}
			o.Figures["preflight.before"] = before.Status
			o.Lines = append(o.Lines, preflightLine(before))
			maxAge := int32(3000)
			p, err := awsops.PutCORSPlan(bucketWeb, region, []awsops.CORSRule{{
				ID: "web-app-reads", AllowedOrigins: []string{webOrigin}, AllowedMethods: []string{"GET", "HEAD"},
				ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &maxAge}})
			if err != nil {
				return o, err
			}
			if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, "s3:PutBucketCors: one rule, origin "+webOrigin+", GET and HEAD.")
			after, err := e.S3.SendPreflight(ctx, bucketWeb, region, "index.html", req)
			if err != nil {
				return o, err
			}
			o.Figures["preflight.after"] = after.Status
			o.Lines = append(o.Lines, preflightLine(after))
			return o, nil
		},
	}
}

func preflightLine(a awsops.PreflightAnswer) string {
	if a.Status == 200 {
		origin, _ := a.Header("Access-Control-Allow-Origin")
		methods, _ := a.Header("Access-Control-Allow-Methods")
		return fmt.Sprintf("✓ OPTIONS preflight: 200, Allow-Origin %s, Allow-Methods %s", origin, methods)
	}
	why := a.Code
	if a.Message != "" {
		why += ": " + a.Message
	}
	return fmt.Sprintf("✗ OPTIONS preflight: %d %s", a.Status, why)
}

// withoutMFADelete is the bucket as a client that ignores MFA Delete sees
// it: its plans carry no x-amz-mfa header, so S3's own refusal shows.
func withoutMFADelete(st awsops.BucketState) awsops.BucketState {
	if st.Versioning != nil {
		v := *st.Versioning
		v.MFADelete = ""
		st.Versioning = &v
	}
	return st
}

func stepMFADelete() Step {
	return Step{
		ID:     "mfa-delete",
		Title:  "MFA Delete: permanent deletes need the root user's code",
		What:   []string{"On a versioned bucket with MFA Delete, deleting a version for good needs the root user's MFA code in the request (x-amz-mfa)."},
		Why:    []string{"Stolen access keys, even an admin's, can then no longer destroy the history: ransomware that deletes versions is stopped."},
		Cost:   []string{"Free. Only the root user can turn it on and use it, from the CLI or API; lifecycle expiry cannot be used on such buckets."},
		Screen: "Versioning & MFA pane of " + bucketRecords + ": MFA Delete on. Objects pane: v shows versions, space marks, D deletes permanently with the MFA prompt.",
		Bucket: bucketRecords, Pane: "Versioning & MFA",
		Action: "Delete the oldest version of reports/2026-q1.pdf without a code, then with the demo device's code.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			page, err := e.S3.ListObjectVersions(ctx, bucketRecords, region, "reports/2026-q1.pdf", "", "", 100)
			if err != nil {
				return o, err
			}
			var oldest *awsops.ObjectVersion
			for i := range page.Versions {
				if v := &page.Versions[i]; v.Key == "reports/2026-q1.pdf" && !v.IsDeleteMarker && !v.IsLatest {
					oldest = v // S3 lists newest first: the last one wins
				}
			}
			if oldest == nil {
				return o, fmt.Errorf("reports/2026-q1.pdf has no old version left: press r to reset the demo data")
			}
			o.Figures["versions.before"] = len(page.Versions)
			o.Lines = append(o.Lines, fmt.Sprintf("reports/2026-q1.pdf has %s; deleting %s.", plural(len(page.Versions), "version", "versions"), oldest.VersionID))
			st := e.state(ctx, bucketRecords)
			refs := []awsops.ObjectVersionRef{oldest.Ref()}
			bare := awsops.DeleteVersionsPlan(withoutMFADelete(st), refs, "")
			attempt(&o, "delete-without-mfa", "DeleteObject versionId without x-amz-mfa", e.S3.Apply(ctx, bare, awsops.MFA{}, nil))
			mfa, err := e.nextMFA(ctx)
			if err != nil {
				return o, err
			}
			p := awsops.DeleteVersionsPlan(st, refs, e.MFASerial)
			attempt(&o, "delete-with-mfa", "the same delete with the root MFA code", e.S3.Apply(ctx, p, mfa, nil))
			page, err = e.S3.ListObjectVersions(ctx, bucketRecords, region, "reports/2026-q1.pdf", "", "", 100)
			if err != nil {
				return o, err
			}
			o.Figures["versions.after"] = len(page.Versions)
			o.Lines = append(o.Lines, fmt.Sprintf("reports/2026-q1.pdf now has %s.", plural(len(page.Versions), "version", "versions")))
			return o, nil
		},
	}
}

func stepVersioning() Step {
	return Step{
		ID:    "versioning",
		Title: "Versioning: turning it on is free, suspending needs MFA",
		What: []string{"Versioning keeps every overwritten or deleted object as an older version. Turning it on never needs MFA.",
			"With MFA Delete on, changing the versioning status (suspending it) needs the root user's code."},
		Why:    []string{"An attacker who suspends versioning can then overwrite data for good; MFA Delete closes that path."},
		Cost:   []string{"Old versions are billed as storage until deleted or expired: add a noncurrent-version lifecycle rule."},
		Screen: "Versioning & MFA pane of " + bucketRecords + ": v enables or suspends versioning, m turns MFA Delete on or off; each asks for the code when S3 needs it.",
		Bucket: bucketRecords, Pane: "Versioning & MFA",
		Action: "Enable versioning on " + bucketNew + " without a code; suspend " + bucketRecords + " without, then with a code; enable it again.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketNew); err != nil {
				return o, err
			}
			enable := awsops.SetVersioningPlan(e.state(ctx, bucketNew), awsops.VersioningEnabled, "")
			attempt(&o, "enable-without-mfa", "enable versioning on "+bucketNew+" without a code", e.S3.Apply(ctx, enable, awsops.MFA{}, nil))

			st := e.state(ctx, bucketRecords)
			bare := awsops.SetVersioningPlan(withoutMFADelete(st), awsops.VersioningSuspended, "")
			attempt(&o, "suspend-without-mfa", "suspend "+bucketRecords+" without x-amz-mfa", e.S3.Apply(ctx, bare, awsops.MFA{}, nil))
			mfa, err := e.nextMFA(ctx)
			if err != nil {
				return o, err
			}
			suspend := awsops.SetVersioningPlan(st, awsops.VersioningSuspended, e.MFASerial)
			attempt(&o, "suspend-with-mfa", "suspend it with the root MFA code", e.S3.Apply(ctx, suspend, mfa, nil))
			if mfa, err = e.nextMFA(ctx); err != nil {
				return o, err
			}
			again := awsops.SetVersioningPlan(e.state(ctx, bucketRecords), awsops.VersioningEnabled, e.MFASerial)
			attempt(&o, "reenable-with-mfa", "enable it again (a status change: the code is needed here too)", e.S3.Apply(ctx, again, mfa, nil))
			final := e.state(ctx, bucketRecords)
			if final.Versioning != nil {
				o.Lines = append(o.Lines, "Now: versioning "+strings.ToLower(string(final.Versioning.Status))+", MFA Delete "+strings.ToLower(string(final.Versioning.MFADelete))+".")
			}
			return o, nil
		},
	}
}
