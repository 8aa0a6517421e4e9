package views

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// publicBucket is a fake bucket with a public policy and Block Public Access off.
func publicBucket() *fakeBackend {
	be := newFake(1)
	s := be.states["bucket-00000"]
	s.Policy = &awsops.Policy{Present: true, JSON: `{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow",` +
		`"Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-00000/*"}]}`}
	s.PublicAccessBlock = &awsops.PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true}
	be.states["bucket-00000"] = s
	return be
}

// toTransit opens the bucket and walks to the Transit pane.
func toTransit(t *testing.T, a *App) *Detail {
	d := openDetail(t, a)
	for d.panes[d.active].title() != "Transit" {
		a.Update(press("tab"))
	}
	return d
}

func TestTransitPaneExplainsBlockPublicAccessAndThePublicPolicy(t *testing.T) {
	a := loadedApp(t, publicBucket(), 100, 60, false)
	toTransit(t, a)
	text := screenText(a)
	for _, want := range []string{
		"Block Public Access (bucket)",
		"BlockPublicPolicy     off  refuses public bucket policies", "BlockPublicAcls       on   refuses new public ACLs",
		"RestrictPublicBuckets off  a public policy reaches only this account, services",
		"Policy                public", `statement "PublicRead" grants s3:GetObject: it allows everyone`,
		"It takes effect: anyone on the internet",
		"Press b to change Block Public Access",
		"b change Block Public Access",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing in\n%s", want, text)
		}
	}
}

func TestTransitPaneBlockPublicAccessFlowBuildsThePlan(t *testing.T) {
	be := publicBucket()
	a := loadedApp(t, be, 100, 40, false)
	d := toTransit(t, a)
	a.Update(press("b"))
	if _, ok := d.flow.(*bpaFlow); !ok {
		t.Fatalf("b opened %T", d.flow)
	}
	text := screenText(a)
	if !strings.Contains(text, "[ ] BlockPublicPolicy") || !strings.Contains(text, "[x] BlockPublicAcls") {
		t.Fatalf("the editor starts from the current settings:\n%s", text)
	}
	// Toggle RestrictPublicBuckets on, then review.
	for range 3 {
		a.Update(press("down"))
	}
	a.Update(press("enter"))
	if !strings.Contains(screenText(a), "[x] RestrictPublicBuckets") {
		t.Fatalf("enter did not toggle:\n%s", screenText(a))
	}
	a.Update(press("down"))
	a.Update(press("down"))
	a.Update(press("enter")) // Review the plan
	pf, ok := d.flow.(*planFlow)
	if !ok {
		t.Fatalf("review opened %T:\n%s", d.flow, screenText(a))
	}
	text = screenText(a)
	for _, want := range []string{"s3:PutPublicAccessBlock", "RestrictPublicBuckets=true", "BlockPublicPolicy=false",
		`statement "PublicRead"`} {
		if !strings.Contains(text, want) {
			t.Errorf("plan preview lacks %q:\n%s", want, text)
		}
	}
	_, cmd := a.Update(press("y"))
	run(a, cmd)
	if len(be.applied) != 1 || be.applied[0].Steps[0].API != "s3:PutPublicAccessBlock" || pf.plan.Bucket != "bucket-00000" {
		t.Fatalf("applied %+v", be.applied)
	}
}

func TestBlockPublicAccessFlowRefusesNoChangeAndEscLeaves(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 100, 40, false)
	d := toTransit(t, a)
	a.Update(press("b"))
	for range 5 {
		a.Update(press("down"))
	}
	a.Update(press("enter")) // review with nothing changed
	if _, ok := d.flow.(*bpaFlow); !ok || !strings.Contains(screenText(a), "already these") {
		t.Fatalf("a review without a change must stay with the reason:\n%s", screenText(a))
	}
	a.Update(press("esc"))
	if d.flow != nil || len(be.applied) != 0 {
		t.Fatalf("esc must leave without sending: flow %T, applied %d", d.flow, len(be.applied))
	}
}

func TestBlockPublicAccessActionIsDisabledReadOnly(t *testing.T) {
	a := loadedApp(t, publicBucket(), 100, 40, true)
	d := toTransit(t, a)
	a.Update(press("b"))
	if d.flow != nil {
		t.Fatal("read-only mode opened the Block Public Access editor")
	}
}
