package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// samplePlan is a two-step plan with a warning and an MFA step.
func samplePlan() PlanView {
	return PlanView{
		Title:    "Default encryption of acme-scratch → SSE-KMS",
		Warnings: []string{"Only newly written objects are encrypted with the new key; existing objects keep theirs."},
		Steps: []PlanStepView{
			{
				Title: "Set default encryption", API: "s3:PutBucketEncryption",
				Params: []string{"Bucket=acme-scratch", "SSEAlgorithm=aws:kms", "KMSMasterKeyID=alias/acme-eu", "BucketKeyEnabled=true"},
				CLI:    `aws s3api put-bucket-encryption --bucket acme-scratch --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/acme-eu"},"BucketKeyEnabled":true}]}'`,
			},
			{Title: "Enable MFA Delete", API: "s3:PutBucketVersioning", Params: []string{"MFADelete=Enabled"}, CLI: "aws s3api put-bucket-versioning --bucket acme-scratch --mfa 'SERIAL CODE'", NeedsMFA: true},
		},
	}
}

func TestPlanPreviewShowsEveryPartOfThePlan(t *testing.T) {
	st := NewMonochromeStyles()
	p := NewPlanPreview(samplePlan(), NewKeyMap(false))
	p.SetSize(100, 60)
	out := ansi.Strip(p.View(st))
	for _, want := range []string{
		"Plan: Default encryption of acme-scratch → SSE-KMS",
		"needs an MFA code",
		"⚠  Only newly written objects",
		"2 calls, in this order:",
		"1. Set default encryption  s3:PutBucketEncryption",
		"KMSMasterKeyID=alias/acme-eu",
		"$ aws s3api put-bucket-encryption --bucket acme-scratch",
		"2. Enable MFA Delete  s3:PutBucketVersioning  [needs MFA]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing in preview:\n%s", want, out)
		}
	}
	if strings.Index(out, "Only newly written") > strings.Index(out, "1. Set default") {
		t.Error("warnings must come before the steps, where they are seen without scrolling")
	}
}

func TestPlanPreviewWarningsAreLoud(t *testing.T) {
	st := NewMonochromeStyles()
	p := NewPlanPreview(samplePlan(), NewKeyMap(false))
	p.SetSize(100, 60)
	for _, l := range strings.Split(p.View(st), "\n") {
		if strings.Contains(l, "Only newly written") && l == ansi.Strip(l) {
			t.Fatalf("warning line is not styled: %q", l)
		}
	}
}

func TestPlanPreviewFitsAndScrollsAt80x24(t *testing.T) {
	st := NewMonochromeStyles()
	p := NewPlanPreview(samplePlan(), NewKeyMap(false))
	p.SetSize(80, 8)
	view := func() []string { return strings.Split(ansi.Strip(p.View(st)), "\n") }
	first := view()
	if len(first) != 8 {
		t.Fatalf("%d lines, want exactly the 8 of the area", len(first))
	}
	for _, l := range first {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("line wider than 80: %q", l)
		}
	}
	if !strings.Contains(first[7], "lines 1–7 of") {
		t.Fatalf("last line %q, want the scroll indicator", first[7])
	}
	p, _ = p.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
	last := view()
	if !strings.Contains(strings.Join(last, "\n"), "--mfa 'SERIAL CODE'") {
		t.Fatalf("G must show the end of the plan:\n%s", strings.Join(last, "\n"))
	}
	bottom := p.Offset()
	p, _ = p.Update(tea.KeyPressMsg{Code: 'k', Text: "k"})
	if p.Offset() != bottom-1 {
		t.Fatalf("k after G: offset %d, want %d (one line up from the bottom)", p.Offset(), bottom-1)
	}
}

func TestPlanPreviewNeverOverflowsTinyAreas(t *testing.T) {
	st := NewMonochromeStyles()
	for _, size := range [][2]int{{1, 1}, {10, 2}, {20, 3}, {40, 5}} {
		p := NewPlanPreview(samplePlan(), NewKeyMap(false))
		p.SetSize(size[0], size[1])
		ls := strings.Split(p.View(st), "\n")
		if len(ls) > size[1] {
			t.Errorf("%v: %d lines", size, len(ls))
		}
		for _, l := range ls {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%v: %q too wide", size, ansi.Strip(l))
			}
		}
	}
}

func TestPlanPreviewShowsTheDiff(t *testing.T) {
	st := NewMonochromeStyles()
	plan := PlanView{Title: "Require TLS for demo", Steps: []PlanStepView{{
		Title: "Write the bucket policy", API: "s3:PutBucketPolicy",
		Diff: []string{"~ … 12 unchanged lines", "    }", "+   {", `+     "Sid": "` + strings.Repeat("x", 200) + `"`, "-   ]"},
	}}}
	p := NewPlanPreview(plan, NewKeyMap(false))
	p.SetSize(80, 24)
	out := ansi.Strip(p.View(st))
	for _, want := range []string{"before → after:", "    … 12 unchanged lines", "       }", "   +   {", "   -   ]"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
}
