package awsops

import "strings"

// TightenCORS drops PUT, POST and DELETE from the rules whose origins match
// every host ("*", "https://*"), so any web site may still read but none
// may write from a visitor's browser; a rule left without methods goes.
// The other rules are kept as they are.
func TightenCORS(rules []CORSRule) []CORSRule {
	var out []CORSRule
	for _, r := range rules {
		if !anyHostOrigin(r.AllowedOrigins) {
			out = append(out, r)
			continue
		}
		var methods []string
		for _, m := range r.AllowedMethods {
			switch strings.ToUpper(m) {
			case "PUT", "POST", "DELETE":
			default:
				methods = append(methods, m)
			}
		}
		if len(methods) > 0 {
			r.AllowedMethods = methods
			out = append(out, r)
		}
	}
	return out
}
