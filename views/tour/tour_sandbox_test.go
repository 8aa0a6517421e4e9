package tour_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/views/tour"
	"github.com/s3sec/s3sec/views/tour/tourtest"
)

// TestTourEndToEnd runs every step in order, headless, and checks each
// step's effect on the sandbox: the measured figures and the refused and
// accepted requests.
func TestTourEndToEnd(t *testing.T) {
	env, srv := tourtest.NewEnv(t, 0) // the real tour's 1,000 writes per bucket
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	outcomes := map[string]tour.Outcome{}
	for _, st := range tour.Steps() {
		o, err := st.Run(ctx, env)
		if err != nil {
			t.Fatalf("step %s: %v (lines %q)", st.ID, err, o.Lines)
		}
		if len(o.Lines) == 0 {
			t.Errorf("step %s reported nothing", st.ID)
		}
		outcomes[st.ID] = o
		t.Logf("%s:\n  %s", st.ID, strings.Join(o.Lines, "\n  "))
	}
	want := map[string]map[string]bool{
		"sse-s3":       {"sse-s3": true, "default-aes256": true},
		"sse-c":        {"http-put": false, "https-put": true, "get-without-key": false, "get-with-key": true, "content-matches": true},
		"client-side":  {"ciphertext": true, "wrapped-key": true},
		"mfa-delete":   {"delete-without-mfa": false, "delete-with-mfa": true},
		"versioning":   {"enable-without-mfa": true, "suspend-without-mfa": false, "suspend-with-mfa": true, "reenable-with-mfa": true},
		"tls":          {"http-before": true, "http-after": false, "https-after": true},
		"cors":         {},
		"bucket-key":   {},
		"logging-loop": {},
	}
	for id, checks := range want {
		for k, v := range checks {
			got, ok := outcomes[id].Checks[k]
			if !ok || got != v {
				t.Errorf("step %s: %s = %v (reported %v), want %v; lines %q", id, k, got, ok, v, outcomes[id].Lines)
			}
		}
	}
	// The bucket key: the sandbox's own counters, not only the step's figures.
	plain, keyed := srv.KMSCalls("tour-kms-no-bucket-key"), srv.KMSCalls("tour-kms-bucket-key")
	if plain.GenerateDataKey != tour.DefaultWrites {
		t.Errorf("without a bucket key: %d GenerateDataKey calls for %d writes, want one each", plain.GenerateDataKey, tour.DefaultWrites)
	}
	if keyed.GenerateDataKey+keyed.Decrypt > 2 || keyed.BucketKeyHits < tour.DefaultWrites-2 {
		t.Errorf("with a bucket key: %+v, want at most 2 KMS calls and the rest bucket-key hits", keyed)
	}
	if f := outcomes["bucket-key"].Figures; f["kms.plain"] != tour.DefaultWrites || f["kms.bucketkey"] < 1 || f["kms.plain"]/f["kms.bucketkey"] < 500 {
		t.Errorf("bucket-key figures %v: want one call per write without and a ratio of at least 500", f)
	}
	if f := outcomes["cors"].Figures; f["preflight.before"] != 403 || f["preflight.after"] != 200 {
		t.Errorf("preflight statuses %v, want 403 then 200", f)
	}
	if f := outcomes["mfa-delete"].Figures; f["versions.after"] != f["versions.before"]-1 {
		t.Errorf("versions %v: want exactly one fewer after the MFA delete", f)
	}
	if f := outcomes["logging-loop"].Figures; f["loop.grown"] < 3 || f["fixed.grown"] != 0 || f["target.objects"] < 1 {
		t.Errorf("logging figures %v: want the loop to grow by at least one object per delivery, none after the fix, logs in the new target", f)
	}
}

// TestTourRehearsal: a presenter runs the tour, runs steps again, resets
// and runs it once more: after the reset every step observes exactly what
// it did the first time (the same checks and figures).
func TestTourRehearsal(t *testing.T) {
	env, _ := tourtest.NewEnv(t, 20)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := func() map[string]tour.Outcome {
		out := map[string]tour.Outcome{}
		for _, st := range tour.Steps() {
			o, err := st.Run(ctx, env)
			if err != nil {
				t.Fatalf("step %s: %v", st.ID, err)
			}
			out[st.ID] = o
		}
		return out
	}
	first := run()
	// Again without a reset: the CORS and TLS steps start from scratch, the
	// logging step says the loop is fixed and how to see it again. (The MFA
	// steps are left out: S3 accepts each code once, so a second pass would
	// wait for the device's next codes.)
	for _, st := range tour.Steps() {
		if st.ID != "logging-loop" && st.ID != "cors" && st.ID != "tls" {
			continue
		}
		o, err := st.Run(ctx, env)
		switch st.ID {
		case "logging-loop":
			if err == nil || !strings.Contains(err.Error(), "press r") {
				t.Errorf("logging step run twice: err = %v, want the loop-is-fixed message", err)
			}
		case "cors", "tls":
			if err != nil || !reflect.DeepEqual(o.Checks, first[st.ID].Checks) || !reflect.DeepEqual(o.Figures, first[st.ID].Figures) {
				t.Errorf("step %s run twice: %v %v %v, want %v %v", st.ID, err, o.Checks, o.Figures, first[st.ID].Checks, first[st.ID].Figures)
			}
		}
	}
	if err := env.Reset(); err != nil {
		t.Fatal(err)
	}
	again := run()
	for id, o := range first {
		if !reflect.DeepEqual(again[id].Checks, o.Checks) || !reflect.DeepEqual(again[id].Figures, o.Figures) {
			t.Errorf("step %s after a reset: checks %v figures %v, first run %v %v", id, again[id].Checks, again[id].Figures, o.Checks, o.Figures)
		}
	}
}
