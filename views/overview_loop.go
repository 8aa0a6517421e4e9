package views

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

// loopLine names the whole logging loop of the selected bucket under the
// grid ("↻ logging loop: A → B → A"), since the Logging cell has room for
// one name at most; "" when the bucket is in no loop. The chain is walked
// through the store's own index, so a frame builds nothing per bucket.
func (o *Overview) loopLine() string {
	if o.cursor < 0 || o.cursor >= len(o.rows) {
		return ""
	}
	name := o.store.states[o.rows[o.cursor]].Name
	if !hasFinding(o.store.findings[name], "logging-loop") {
		return ""
	}
	get := func(n string) *awsops.BucketState {
		s, _ := o.store.get(n)
		return s
	}
	loop := awsops.LoggingLoopOf(get, name)
	if loop == nil {
		return ""
	}
	text := "  ↻ logging loop: " + awsops.LoopChain(loop)
	return o.c.st.Bad.Render(ansi.Truncate(text, max(1, o.width), "…"))
}
