package corsedit

import (
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// FuzzFieldsAgreeWithValidate: whatever is typed, a rule the form accepts
// (no field has a problem) is a rule ValidateCORS accepts, so the form
// never lets through what the plan would then refuse.
func FuzzFieldsAgreeWithValidate(f *testing.F) {
	f.Add("app", "https://app.example.com", "content-type", "ETag", "3000")
	f.Add("", "*", "*", "", "")
	f.Add("x", "https://*.example.com:8443, http://[::1]:3000", "x-amz-*", "x-amz-version-id", "0")
	f.Add("", "https://a.example/", "a b", "c*", "-1")
	f.Fuzz(func(t *testing.T, id, origins, allowed, exposed, maxAge string) {
		fl := &Fields{ID: id, Origins: origins, Methods: []string{"GET", "PUT"}, Allowed: allowed, Exposed: exposed, MaxAge: maxAge}
		r, err := fl.Rule()
		if err != nil {
			return
		}
		if probs := awsops.ValidateCORS([]awsops.CORSRule{r}); len(probs) > 0 {
			t.Fatalf("the form accepted %+v, ValidateCORS refuses it: %v", r, probs)
		}
	})
}
