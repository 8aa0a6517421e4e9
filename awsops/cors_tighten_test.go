package awsops

import (
	"reflect"
	"testing"
)

func TestTightenCORSDropsWritesFromAnyOrigin(t *testing.T) {
	rules := []CORSRule{
		{ID: "read", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"}},
		{ID: "write", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT", "POST"}},
		{ID: "mixed", AllowedOrigins: []string{"https://*"}, AllowedMethods: []string{"GET", "DELETE"}},
		{ID: "own", AllowedOrigins: []string{"https://app.acme.example"}, AllowedMethods: []string{"PUT"}},
	}
	got := TightenCORS(rules)
	var ids [][]string
	for _, r := range got {
		ids = append(ids, append([]string{r.ID}, r.AllowedMethods...))
	}
	want := [][]string{{"read", "GET", "HEAD"}, {"mixed", "GET"}, {"own", "PUT"}}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("TightenCORS = %v, want %v", ids, want)
	}
	if c := (CORS{Rules: got}); len(anyHostWriteMethods(c)) != 0 {
		t.Errorf("writes from any origin remain: %v", anyHostWriteMethods(c))
	}
	if rules[2].AllowedMethods[1] != "DELETE" {
		t.Error("the input rules were changed")
	}
}
