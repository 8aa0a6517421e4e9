package tour

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
)

func stepTLS() Step {
	return Step{
		ID:     "tls",
		Title:  "TLS only: refuse plain HTTP",
		What:   []string{"S3 answers plain HTTP too. A bucket policy that denies aws:SecureTransport = false makes it refuse every request not over TLS."},
		Why:    []string{"Over HTTP the data, and the request's signature and headers, cross the network in the clear; a downgrade goes unnoticed."},
		Cost:   []string{"Free. AWS Security Hub flags buckets without it (S3.5); clients that still use http:// break, which is the point."},
		Screen: "Transit pane of " + bucketNew + ": the TLS verdict; e requires TLS with the merged policy and its diff.",
		Bucket: bucketNew, Pane: "Transit",
		Action: "List " + bucketNew + " over plain HTTP, add the TLS-only statement, list over HTTP and HTTPS again.",
		Run: func(ctx context.Context, e *Env) (Outcome, error) {
			o := newOutcome()
			if err := ensureBucket(ctx, e, &o, bucketNew); err != nil {
				return o, err
			}
			id, err := e.S3.Identity(ctx)
			if err != nil {
				return o, err
			}
			caller := awsops.LockoutCaller{ARN: id.ARN, OverTLS: true}
			// A rehearsal starts where the first run did: TLS not required.
			if st := e.state(ctx, bucketNew); st.Policy != nil && st.Policy.TLSEnforced {
				p, _, err := awsops.RemoveTLSPlan(st, caller, id.IsRoot)
				if err != nil {
					return o, err
				}
				if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
					return o, err
				}
				o.Lines = append(o.Lines, "s3:DeleteBucketPolicy: the TLS rule of the last run removed, to start again.")
			}
			_, err = e.Plain.ListObjects(ctx, bucketNew, region, "", "", 10)
			attempt(&o, "http-before", "ListObjects over plain HTTP", err)
			p, _, err := awsops.EnforceTLSPlan(e.state(ctx, bucketNew), awsops.TLSOptions{}, caller, id.IsRoot)
			if err != nil {
				return o, err
			}
			if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
				return o, err
			}
			o.Lines = append(o.Lines, "s3:PutBucketPolicy: Deny s3:* when aws:SecureTransport is false.")
			_, err = e.Plain.ListObjects(ctx, bucketNew, region, "", "", 10)
			attempt(&o, "http-after", "ListObjects over plain HTTP", err)
			_, err = e.S3.ListObjects(ctx, bucketNew, region, "", "", 10)
			attempt(&o, "https-after", "ListObjects over HTTPS", err)
			return o, nil
		},
	}
}
