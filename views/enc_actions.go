package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// isVerb reports whether action a is built on the keymap's verb binding.
func isVerb(a ui.Action, verb interface{ Keys() []string }) bool {
	ak, vk := a.Binding.Keys(), verb.Keys()
	return len(ak) > 0 && len(vk) > 0 && ak[0] == vk[0]
}

// encryptionState returns the bucket's state as read, if it is known and its
// encryption facet has arrived.
func (d *Detail) encryptionState() (awsops.BucketState, bool) {
	s, ok := d.store.get(d.bucket)
	if !ok || s.Encryption == nil {
		return awsops.BucketState{}, false
	}
	return *s, true
}

// startEncryptionEdit opens the default-encryption editor.
func (d *Detail) startEncryptionEdit() tea.Cmd {
	s, ok := d.encryptionState()
	if !ok {
		return ui.Report(ui.LevelWarn, "The encryption of "+d.bucket+" has not been read yet; press r and try again.")
	}
	f, cmd := newEncEditFlow(d.c, d.be, s, d.store.snapshot(), d.width)
	d.setFlow(f)
	return cmd
}

// startBucketKey previews the plan that turns the S3 Bucket Key on.
func (d *Detail) startBucketKey() tea.Cmd {
	s, ok := d.encryptionState()
	if !ok {
		return ui.Report(ui.LevelWarn, "The encryption of "+d.bucket+" has not been read yet; press r and try again.")
	}
	p, err := awsops.BucketKeyPlan(s)
	if err != nil {
		return ui.Report(ui.LevelWarn, "b: "+err.Error())
	}
	pf := newPlanFlow(d.c, d.be, p, "S3 Bucket Key of "+d.bucket+" turned on; it applies to newly written objects.")
	pf.name = "Bucket key"
	pf.explain = explainConfigError
	d.setFlow(pf)
	return nil
}
