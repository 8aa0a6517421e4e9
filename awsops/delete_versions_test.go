package awsops

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// refs returns n distinct data versions of one key.
func refs(n int) []ObjectVersionRef {
	out := make([]ObjectVersionRef, n)
	for i := range out {
		out[i] = ObjectVersionRef{Key: "logs/k", VersionID: fmt.Sprintf("v%04d", i)}
	}
	return out
}

func TestDeleteVersionsPlanSingle(t *testing.T) {
	p := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0),
		[]ObjectVersionRef{{Key: "reports/q1.pdf", VersionID: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", IsLatest: true}}, testSerial)
	if len(p.Steps) != 1 {
		t.Fatalf("steps = %d", len(p.Steps))
	}
	st := p.Steps[0]
	wantCLI := "aws s3api delete-object --bucket acme-records --key reports/q1.pdf --version-id 3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY --mfa '" + testSerial + " CODE'"
	if st.API != "s3:DeleteObject" || !st.NeedsMFA || st.CLI != wantCLI {
		t.Errorf("step %s NeedsMFA=%v CLI\n%s\nwant\n%s", st.API, st.NeedsMFA, st.CLI, wantCLI)
	}
	wantParams := []string{"Bucket=acme-records", "Key=reports/q1.pdf", "VersionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "MFA=" + testSerial + " ******"}
	if !slices.Equal(st.Params, wantParams) {
		t.Errorf("params = %q", st.Params)
	}
	for _, w := range []string{"cannot be undone", "previous version current", "MFA Delete is on"} {
		if !planWarns(p, w) {
			t.Errorf("no warning %q in %q", w, p.Warnings)
		}
	}
}

func TestDeleteVersionsPlanDeleteMarkers(t *testing.T) {
	p := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteDisabled, 0), []ObjectVersionRef{
		{Key: "contracts/msa.txt", VersionID: "m1", IsDeleteMarker: true, IsLatest: true},
		{Key: "old.txt", VersionID: "m0", IsDeleteMarker: true},
	}, "")
	if p.NeedsMFA() || len(p.Steps) != 1 || p.Steps[0].API != "s3:DeleteObjects" {
		t.Fatalf("plan = %+v", p)
	}
	if !planWarns(p, "delete marker of contracts/msa.txt undeletes it") || !planWarns(p, "1 non-current delete marker(s) changes no current object") {
		t.Errorf("warnings %q", p.Warnings)
	}
	if planWarns(p, "cannot be undone") || planWarns(p, "MFA") {
		t.Errorf("removing markers only: warnings %q", p.Warnings)
	}
	single := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteNever, 0),
		[]ObjectVersionRef{{Key: "a", VersionID: "m1", IsDeleteMarker: true, IsLatest: true}}, "")
	if single.Steps[0].Title != "Remove the delete marker of a" || single.Steps[0].NeedsMFA || strings.Contains(single.Steps[0].CLI, "--mfa") {
		t.Errorf("single marker step = %+v", single.Steps[0])
	}
}

func TestDeleteVersionsPlanBatches(t *testing.T) {
	noMFA := stateWith(VersioningEnabled, MFADeleteDisabled, 0)
	p := DeleteVersionsPlan(noMFA, refs(2500), "")
	if len(p.Steps) != 3 || p.NeedsMFA() {
		t.Fatalf("2500 versions: %d steps, NeedsMFA=%v", len(p.Steps), p.NeedsMFA())
	}
	for i, want := range []string{"1000", "1000", "500"} {
		st := p.Steps[i]
		if st.API != "s3:DeleteObjects" || !slices.Contains(st.Params, "Delete.Objects="+want) {
			t.Errorf("batch %d: %s params %q", i, st.API, st.Params[:3])
		}
		wantCLI := fmt.Sprintf("aws s3api delete-objects --bucket acme-records --delete file://delete-%d.json", i+1)
		if st.CLI != wantCLI {
			t.Errorf("batch %d cli %s, want %s", i, st.CLI, wantCLI)
		}
		if len(st.Params) != 3+previewObjects+1 || !strings.Contains(st.Params[len(st.Params)-1], "more (see delete-") {
			t.Errorf("batch %d preview params: %d lines, last %q", i, len(st.Params), st.Params[len(st.Params)-1])
		}
	}
	files := DeleteObjectsFiles(refs(2500))
	if len(files) != 3 || files[2].Name != "delete-3.json" {
		t.Fatalf("files = %d", len(files))
	}
	var doc struct {
		Objects []struct{ Key, VersionId string }
		Quiet   bool
	}
	if err := json.Unmarshal([]byte(files[2].Content), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Objects) != 500 || doc.Objects[0].VersionId != "v2000" || doc.Objects[0].Key != "logs/k" || doc.Quiet {
		t.Errorf("delete-3.json: %d objects, first %+v", len(doc.Objects), doc.Objects[0])
	}

	// With MFA Delete one code covers one request: only the first batch.
	m := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), refs(2500), testSerial)
	if len(m.Steps) != 1 || !m.NeedsMFA() || !planWarns(m, "first 1000 of 2500") {
		t.Fatalf("MFA plan: %d steps, warnings %q", len(m.Steps), m.Warnings)
	}
	if want := "aws s3api delete-objects --bucket acme-records --delete file://delete-1.json --mfa '" + testSerial + " CODE'"; m.Steps[0].CLI != want {
		t.Errorf("MFA batch cli %s", m.Steps[0].CLI)
	}
	if !strings.HasPrefix(m.Title, "Permanently delete 1000 versions") {
		t.Errorf("title %q", m.Title)
	}

	// Exactly 1000: one request, one file named delete.json.
	one := DeleteVersionsPlan(noMFA, refs(1000), "")
	if len(one.Steps) != 1 || !strings.HasSuffix(one.Steps[0].CLI, "file://delete.json") {
		t.Errorf("1000 versions: %d steps, %s", len(one.Steps), one.Steps[0].CLI)
	}
	if f := DeleteObjectsFiles(refs(1000)); len(f) != 1 || f[0].Name != "delete.json" {
		t.Errorf("1000 versions: files %d", len(f))
	}
}

func TestDeleteVersionsPlanInputs(t *testing.T) {
	st := stateWith(VersioningEnabled, MFADeleteDisabled, 0)
	dup := []ObjectVersionRef{{Key: "a", VersionID: "1"}, {Key: "a", VersionID: "1"}, {Key: "a", VersionID: "2"}}
	p := DeleteVersionsPlan(st, dup, "")
	if len(p.Steps) != 1 || !slices.Contains(p.Steps[0].Params, "Delete.Objects=2") {
		t.Errorf("duplicates kept: %q", p.Steps[0].Params)
	}
	if e := DeleteVersionsPlan(st, nil, ""); len(e.Steps) != 0 || !planWarns(e, "nothing to delete") {
		t.Errorf("empty selection = %+v", e)
	}
	bad := DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "a"}}, "")
	if len(bad.Steps) != 1 || !planWarns(bad, "needs a key and a version id") {
		t.Fatalf("missing version id = %+v", bad)
	}
	if err := bad.Steps[0].run(t.Context(), nil, MFA{}); err == nil || !strings.Contains(err.Error(), "version id") {
		t.Errorf("refused step ran: %v", err)
	}
	v := ObjectVersion{Key: "k", VersionID: "null", IsLatest: true, IsDeleteMarker: true}
	if r := v.Ref(); r != (ObjectVersionRef{Key: "k", VersionID: "null", IsLatest: true, IsDeleteMarker: true}) {
		t.Errorf("Ref = %+v", r)
	}
}

func TestPartialDeleteErrorMessage(t *testing.T) {
	e := &PartialDeleteError{Bucket: "b", Requested: 6, Result: DeleteVersionsResult{Failed: []DeleteVersionFailure{
		{Key: "a", VersionID: "1", Code: "NoSuchVersion", Message: "The specified version does not exist."},
		{Key: "b", VersionID: "2", Code: "AccessDenied"},
		{Key: "c", VersionID: "3", Code: "AccessDenied"},
		{Key: "d", VersionID: "4", Code: "AccessDenied"},
	}}}
	want := "4 of 6 versions in b were not deleted: a (version 1): NoSuchVersion The specified version does not exist.; " +
		"b (version 2): AccessDenied; c (version 3): AccessDenied; and 1 more"
	if e.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", e.Error(), want)
	}
}
