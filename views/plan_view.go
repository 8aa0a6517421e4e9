package views

import (
	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// planView converts a plan for the preview. awsops redacts every secret
// when it builds a step, so what is copied here is safe to show; object
// keys in it are escaped (termsafe) so that a name cannot act on the terminal.
func planView(p awsops.Plan) ui.PlanView {
	v := ui.PlanView{Title: termsafe.String(p.Title), Warnings: safeAll(p.Warnings)}
	for _, s := range p.Steps {
		v.Steps = append(v.Steps, ui.PlanStepView{
			Title:    termsafe.String(s.Title),
			API:      s.API,
			Params:   safeAll(s.Params),
			CLI:      termsafe.String(s.CLI),
			NeedsMFA: s.NeedsMFA,
			Diff:     diffView(s.Diff),
			Checks:   checkLines(s),
		})
	}
	return v
}

// safeAll is a copy of lines with each escaped by termsafe.String.
func safeAll(lines []string) []string {
	if lines == nil {
		return nil
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = termsafe.String(l)
	}
	return out
}

// diffView converts a step's diff for the preview; a policy may name
// anything, so every line is escaped.
func diffView(diff []awsops.DiffLine) []string {
	if diff == nil {
		return nil
	}
	out := make([]string, len(diff))
	for i, l := range diff {
		if l.Op == '~' {
			out[i] = "~ " + termsafe.String(l.Text)
			continue
		}
		out[i] = termsafe.String(l.String())
	}
	return out
}
