package corsedit

import (
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

// RuleForm is the form of one rule, one question a page so each fits
// 80x24. Every field is checked on enter (Validate) and, by the flow, as
// it is typed (Fields.Problem of the focused key). width is the pane's.
func RuleForm(f *Fields, title string, width int) *huh.Form {
	desc := func(s string) string { return ansi.Wordwrap(s, max(16, width-6), " ") }
	input := func(key, label, help, placeholder string, v *string) *huh.Group {
		return huh.NewGroup(huh.NewInput().
			Key(key).Title(title + ": " + label).
			Description(desc(help)).
			Placeholder(placeholder).
			Value(v).
			Validate(func(string) error { return f.Check(key) }))
	}
	var methods []huh.Option[string]
	for _, m := range awsops.CORSMethods() {
		methods = append(methods, huh.NewOption(m, m))
	}
	return huh.NewForm(
		input(KeyID, "ID", "Optional name of the rule, up to 255 characters; findings and the plan name rules by it.", "public-read", &f.ID),
		input(KeyOrigins, "allowed origins",
			"The web sites whose pages may call the bucket: scheme://host[:port], one * at most (https://*.example.com); * is any site. Separate several with commas.",
			"https://app.example.com", &f.Origins),
		huh.NewGroup(huh.NewMultiSelect[string]().
			Key(KeyMethods).Title(title+": allowed methods").
			Description(desc("space marks a method; PUT, POST and DELETE let those sites change objects.")).
			Options(methods...).
			Value(&f.Methods).
			Validate(func([]string) error { return f.Check(KeyMethods) })),
		input(KeyAllowed, "allowed headers",
			"Request headers a page may send (Content-Type, x-amz-*); one * per name. Empty: none beyond the simple ones.",
			"content-type, x-amz-*", &f.Allowed),
		input(KeyExposed, "exposed headers",
			"Response headers a page may read; ETag is needed for browser multipart uploads. No *.",
			"ETag", &f.Exposed),
		input(KeyMaxAge, "max age (seconds)",
			"How long browsers cache the preflight answer; 3000 is common, over 86400 browsers ignore. Empty: not set.",
			"3000", &f.MaxAge),
	)
}
