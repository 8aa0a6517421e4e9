package views

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/s3sec/s3sec/ui"
)

// view renders the change's stage in the pane area.
func (ch *change) view(e paneEnv) []string {
	st := e.st
	switch ch.stage {
	case changeCode:
		return strings.Split(ch.prompt.View(st, e.width), "\n")
	case changeApplying:
		what := "applying: " + ch.plan.Title
		if len(ch.plan.Steps) > 0 {
			what = "sending " + ch.plan.Steps[0].API + ": " + ch.plan.Title
		}
		if len(ch.plan.Checks()) > 0 {
			what += ", then reading it back"
		}
		if ch.halting {
			what = "canceling… (a call already sent may still complete)"
		}
		return []string{e.spin + " " + st.Text.Render(what), st.Muted.Render("esc cancels")}
	case changeVerifying:
		return append(ch.outcomeLines(e), e.spin+" "+st.Muted.Render("reading the bucket back to confirm…"))
	case changeDone:
		return append(ch.outcomeLines(e), "", st.Muted.Render("enter or esc closes"))
	case changeFailed:
		out := append([]string{e.heading("Not applied: " + ch.plan.Title)}, ch.outcomeLines(e)...)
		return append(out, errorLines(e, ch.err, ch.explainFailure)...)
	}
	var confirm []string
	if ch.typed != nil {
		confirm = strings.Split(ch.typed.View(st, e.width), "\n")
	} else {
		confirm = strings.Split(ch.confirm.View(st, e.width), "\n")
	}
	ch.preview.SetSize(e.width, max(1, e.height-len(confirm)-1))
	out := strings.Split(ch.preview.View(st), "\n")
	return append(append(out, ""), confirm...)
}

// outcomeLines renders what the change did, ✓, ✗ and ⚠ lines styled.
func (ch *change) outcomeLines(e paneEnv) []string {
	return markedLines(e.st, ch.outcome, e.width)
}

// help lists the keys of the change's stage.
func (ch *change) help(k ui.KeyMap) []key.Binding {
	b := func(keys, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(help, desc))
	}
	switch ch.stage {
	case changeConfirm:
		if ch.typed != nil {
			return []key.Binding{b("enter", "enter", "confirm"), b("esc", "esc", "cancel"), b("up", "↑↓", "scroll")}
		}
		return []key.Binding{b("y", "y", "apply"), b("n", "n/esc", "cancel"), k.Move}
	case changeCode:
		return []key.Binding{b("enter", "enter", "send"), b("tab", "tab", "switch field"), b("esc", "esc", "cancel")}
	case changeApplying, changeVerifying:
		return []key.Binding{b("esc", "esc", "cancel the call")}
	}
	return []key.Binding{b("enter", "enter/esc", "close")}
}

// stageName names the change's stage for the breadcrumb.
func (ch *change) stageName() string {
	switch ch.stage {
	case changeConfirm:
		return "plan"
	case changeCode:
		return "MFA code"
	case changeApplying:
		return "applying"
	case changeVerifying:
		return "reading back"
	case changeDone:
		return "done"
	case changeFailed:
		return "failed"
	}
	return ""
}
