package views

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// wizAvailMsg is S3's answer about a name: free, ours, or another's.
type wizAvailMsg struct {
	id    int
	name  string
	probe awsops.LogTargetProbe
}

// nameKey edits the name (validated as typed) and the region; enter asks
// S3 whether the name is free.
func (w *wizard) nameKey(m tea.KeyPressMsg) tea.Cmd {
	switch m.String() {
	case "up":
		w.regionIdx = (w.regionIdx + len(w.regions) - 1) % len(w.regions)
		return nil
	case "down":
		w.regionIdx = (w.regionIdx + 1) % len(w.regions)
		return nil
	case "enter":
		w.checkName()
		if w.nameErr != "" {
			return nil
		}
		return w.checkAvailable()
	}
	w.name.Update(m)
	w.checkName()
	return nil
}

// checkName applies S3's naming rules to what is typed.
func (w *wizard) checkName() {
	w.nameErr = ""
	if err := awsops.CheckBucketName(w.name.Value); err != nil {
		w.nameErr = err.Error()
	}
}

// checkAvailable asks S3 (HeadBucket) whether the name is taken.
func (w *wizard) checkAvailable() tea.Cmd {
	w.stage = wizChecking
	ctx, cancel := context.WithTimeout(context.Background(), wizardListTimeout)
	w.cancel = cancel
	be, id, name, region := w.be, w.id, w.name.Value, w.regions[w.regionIdx]
	account := ""
	if w.c.identity != nil {
		account = w.c.identity.Account
	}
	return func() tea.Msg {
		defer cancel()
		return wizAvailMsg{id: id, name: name, probe: be.ProbeLogTarget(ctx, name, region, account, false)}
	}
}

// onAvail goes on to the steps when the name is free; otherwise it says why not.
func (w *wizard) onAvail(m wizAvailMsg) tea.Cmd {
	w.stop()
	w.stage = wizName
	p := m.probe
	switch {
	case p.Missing:
	case p.Foreign:
		w.nameErr = m.name + " is taken: bucket names are global and another account has it."
		return nil
	case p.Unchecked != "" && p.Region == "":
		w.nameErr = "Could not check whether " + m.name + " is free: " + p.Unchecked
		return nil
	default:
		w.nameErr = "You already own " + m.name + ": use w on it in the overview to secure it."
		return nil
	}
	w.bucket, w.region = m.name, w.regions[w.regionIdx]
	w.before = newBucketState(w.bucket, w.region)
	w.beforeFindings = nil
	w.buildSteps()
	w.stage = wizSteps
	w.first()
	return w.loadKeys()
}

// newBucketState is what S3 gives a bucket created today: SSE-S3 by
// default, Block Public Access on, ACLs disabled, never versioned, no
// policy, CORS or logging. The wizard plans from it; the bucket read
// after Apply shows what S3 really did.
func newBucketState(name, region string) awsops.BucketState {
	pab := awsops.AllPublicAccessBlocked
	return awsops.BucketState{
		Name:              name,
		Region:            region,
		Encryption:        &awsops.Encryption{Algorithm: awsops.AlgorithmAES256},
		Versioning:        &awsops.Versioning{Status: awsops.VersioningNever, MFADelete: awsops.MFADeleteNever},
		Logging:           &awsops.Logging{},
		CORS:              &awsops.CORS{},
		Policy:            &awsops.Policy{},
		PublicAccessBlock: &pab,
		Lifecycle:         &awsops.Lifecycle{},
		Ownership:         &awsops.ObjectOwnership{Setting: "BucketOwnerEnforced"},
	}
}
