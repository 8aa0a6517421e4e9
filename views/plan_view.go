package views

import (
	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// planView converts a plan for the preview. awsops redacts every secret
// when it builds a step, so what is copied here is safe to show.
func planView(p awsops.Plan) ui.PlanView {
	v := ui.PlanView{Title: p.Title, Warnings: append([]string(nil), p.Warnings...)}
	for _, s := range p.Steps {
		v.Steps = append(v.Steps, ui.PlanStepView{
			Title:    s.Title,
			API:      s.API,
			Params:   append([]string(nil), s.Params...),
			CLI:      s.CLI,
			NeedsMFA: s.NeedsMFA,
		})
	}
	return v
}
