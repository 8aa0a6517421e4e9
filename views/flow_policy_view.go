package views

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// view implements flow.
func (f *policyFlow) view(e paneEnv) []string {
	f.height = e.height
	st := e.st
	switch f.stage {
	case policyChanging:
		return f.ch.view(e)
	case policyEditing:
		return []string{e.heading("Bucket policy of " + f.env.bucket),
			e.spin + " " + st.Muted.Render("editing in your editor ($EDITOR); save and quit it to come back")}
	case policyDraft:
		out := []string{e.heading("Your edit of the policy of " + f.env.bucket + " (not applied)")}
		for _, p := range f.problems {
			out = append(out, wrapIndented(e, "✗ ", termsafe.String(p))...)
		}
		out = append(out, "")
		var body []string
		for _, l := range draftLines(f.draft) {
			body = append(body, st.Pane.Code.Render(termsafe.String(l)))
		}
		return f.scrolled(e, out, body)
	}
	out := []string{e.heading("Bucket policy of " + f.env.bucket)}
	s, ok := f.env.snapshot()
	if !ok || s.Policy == nil {
		return append(out, st.Muted.Render("The bucket is no longer listed."))
	}
	out = append(out, e.kv("TLS only", tlsWord(*s.Policy)))
	if !s.Policy.Present {
		return append(out, "", st.Muted.Render("No bucket policy. e writes one, starting from the TLS-only statement."))
	}
	return f.scrolled(e, append(out, ""), e.policyLines(s.Policy.JSON))
}

// scrolled shows head, then as much of body as fits from the flow's
// offset, with a line saying where the window is when it does not fit.
func (f *policyFlow) scrolled(e paneEnv, head, body []string) []string {
	h := max(1, e.height-len(head))
	if len(body) > h {
		h = max(1, h-1)
	}
	f.offset = ui.ClampOffset(f.offset, len(body), h)
	out := append(head, ui.Visible(body, f.offset, h)...)
	if len(body) > h {
		out = append(out, e.st.Muted.Render(fmt.Sprintf("lines %d–%d of %d · ↑↓ pgup/pgdn to scroll", f.offset+1, min(len(body), f.offset+h), len(body))))
	}
	return out
}

// help implements flow.
func (f *policyFlow) help(k ui.KeyMap) []key.Binding {
	b := func(keys, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(help, desc))
	}
	switch f.stage {
	case policyChanging:
		return f.ch.help(k)
	case policyEditing:
		return nil
	case policyDraft:
		return []key.Binding{b("e", "e", "edit again"), b("enter", "enter", "check and plan"), b("esc", "esc", "discard edit"), k.Move, k.PageUp, k.PageDown, k.Top, k.Bottom}
	}
	out := []key.Binding{k.Move}
	if k.ReadOnly {
		return append(out, b("esc", "esc", "close"), k.PageUp, k.PageDown, k.Top, k.Bottom)
	}
	out = append(out, b("e", "e", "edit in $EDITOR"))
	if s, ok := f.env.snapshot(); ok && s.Policy != nil && s.Policy.Present {
		out = append(out, b("d", "d", "delete policy"))
	}
	return append(out, b("esc", "esc", "close"), k.PageUp, k.PageDown, k.Top, k.Bottom)
}
