package views

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// openCORSEditor opens the CORS editor on the first fake bucket, whose one
// rule allows GET from any origin.
func openCORSEditor(t *testing.T, be *fakeBackend) (*App, *Detail, *corsEditFlow) {
	t.Helper()
	a := loadedApp(t, be, 80, 24, false)
	d := openDetail(t, a)
	keys(a, "tab", "tab", "tab", "tab", "e")
	f, ok := d.flow.(*corsEditFlow)
	if !ok {
		t.Fatalf("e on the CORS pane must open the editor:\n%s", screenText(a))
	}
	return a, d, f
}

func TestCORSEditorAddsMovesAndDeletesRules(t *testing.T) {
	a, _, f := openCORSEditor(t, newFake(1))
	wantOnScreen(t, a, "1 of 100 rules", "as the bucket has them", "origin * lets any web site")
	keys(a, "a")
	wantOnScreen(t, a, "New rule: ID")
	keys(a, "enter")
	wantOnScreen(t, a, "New rule: allowed origins", "✗ at least one origin is needed")
	keys(a, "enter") // refused: the form stays on origins
	if formStep(f.form) != "origins" {
		t.Fatalf("an empty origin must not pass, at %q", formStep(f.form))
	}
	paste(a, "https://app.example.com/")
	wantOnScreen(t, a, "must not have a path")
	keys(a, "backspace")
	wantOnScreen(t, a, "✓ no problem with the origins")
	keys(a, "enter", "enter", "enter", "enter", "enter")
	wantOnScreen(t, a, "Rule 2 added to the draft", "2 of 100 rules", "changed: w reviews the plan")
	if f.list.Cursor != 1 {
		t.Fatalf("the cursor must be on the new rule, at %d", f.list.Cursor)
	}
	keys(a, "K")
	if got := f.list.Rules[0].AllowedOrigins[0]; got != "https://app.example.com" {
		t.Fatalf("K must move the new rule first, first is %q", got)
	}
	keys(a, "J")
	if got := f.list.Rules[1].AllowedOrigins[0]; got != "https://app.example.com" {
		t.Fatalf("J must move it back, second is %q", got)
	}
	keys(a, "up", "d")
	if len(f.list.Rules) != 1 || f.list.Rules[0].AllowedOrigins[0] != "https://app.example.com" {
		t.Fatalf("d must delete the wildcard rule: %+v", f.list.Rules)
	}
	keys(a, "w")
	wantOnScreen(t, a, "Replace the CORS configuration", "s3:PutBucketCors", `"AllowedOrigins":["https://app.example.com"]`)
	if strings.Contains(screenText(a), "⚠") {
		t.Fatalf("a rule for one site needs no warning:\n%s", screenText(a))
	}
	keys(a, "n", "a", "enter")
	paste(a, "*")
	keys(a, "enter", "enter", "enter", "enter", "enter", "w")
	wantOnScreen(t, a, "⚠  Rule 2: origin * lets any web site read through browsers")
}

func TestCORSEditorKeepsTheDraftWhenThePlanIsDeclined(t *testing.T) {
	be := newFake(1)
	a, d, f := openCORSEditor(t, be)
	keys(a, "d", "w") // no rule left: the plan deletes the configuration
	wantOnScreen(t, a, "Delete the CORS configuration", "$ aws s3api delete-bucket-cors --bucket")
	keys(a, "n")
	if d.flow != f || f.stage != corsListing || len(f.list.Rules) != 0 {
		t.Fatalf("n must come back to the draft:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "Plan declined: nothing was sent; the draft is kept.")
	if len(be.applied) != 0 {
		t.Fatalf("nothing may be applied, got %d plans", len(be.applied))
	}
	keys(a, "esc")
	wantOnScreen(t, a, "Unsaved changes: esc again discards them")
	if d.flow == nil {
		t.Fatal("the first esc must not lose the draft")
	}
	keys(a, "esc")
	if d.flow != nil {
		t.Fatal("the second esc closes the editor")
	}
}

func TestCORSEditorDeletesTheConfigurationAfterConfirmation(t *testing.T) {
	be := newFake(1)
	a, d, _ := openCORSEditor(t, be)
	keys(a, "D")
	wantOnScreen(t, a, "Delete the CORS configuration", "Web pages on other origins", "Cancel")
	keys(a, "y")
	if d.flow != nil || len(be.applied) != 1 || be.applied[0].Steps[0].API != "s3:DeleteBucketCors" {
		t.Fatalf("y must apply DeleteBucketCors, applied %+v:\n%s", be.applied, screenText(a))
	}
}

func TestCORSPaneDeleteAndNothingToWrite(t *testing.T) {
	be := newFake(1)
	a, d, _ := openCORSEditor(t, be)
	keys(a, "w")
	wantOnScreen(t, a, "Nothing changed")
	keys(a, "esc")
	if d.flow != nil {
		t.Fatal("esc without changes closes at once")
	}
	keys(a, "d") // the pane's own delete
	wantOnScreen(t, a, "Delete the CORS configuration", "Delete CORS: plan")
}

func TestCORSEditorImportKeepsEverythingOnMalformedJSON(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(bad, []byte(`{"CORSRules": [{"AllowedOrigins": ["https://a.example"]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte(`{"CORSRules": [{"ID": "a", "AllowedOrigins": ["https://a.example"], "AllowedMethods": ["GET"]}, {"AllowedOrigins": ["https://b.example"], "AllowedMethods": ["PUT"], "ExposeHeaders": ["ETag"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	a, _, f := openCORSEditor(t, newFake(1))
	keys(a, "i")
	paste(a, bad)
	keys(a, "enter")
	wantOnScreen(t, a, "bad.json: line 1, column", "malformed JSON")
	if f.stage != corsImport || f.importPath != bad || len(f.list.Rules) != 1 || f.list.Rules[0].AllowedOrigins[0] != "*" {
		t.Fatalf("the path and the rules must be kept: stage %d path %q rules %+v", f.stage, f.importPath, f.list.Rules)
	}
	keys(a, "ctrl+u")
	paste(a, good)
	keys(a, "enter")
	wantOnScreen(t, a, "Imported 2 rules", "https://b.example")
	if len(f.list.Rules) != 2 {
		t.Fatalf("import must replace the draft: %+v", f.list.Rules)
	}

	out := filepath.Join(dir, "out.json")
	keys(a, "x")
	paste(a, out)
	keys(a, "enter")
	wantOnScreen(t, a, "Wrote 2 rules to")
	keys(a, "x", "enter") // the same path again: refused, path kept
	wantOnScreen(t, a, "already exists")
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), `"https://b.example"`) {
		t.Fatalf("export wrote %q, %v", b, err)
	}
}

func TestCORSEditorEditorRoundTripKeepsBrokenText(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "next.json")
	seen := filepath.Join(dir, "seen")
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\ncat \"$1\" > " + seen + "\ncp " + src + " \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", script)
	const broken = `{"CORSRules": [{"AllowedOrigins": ["https://a.example"], "AllowedMethods": ["GET"]`
	if err := os.WriteFile(src, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	a, _, f := openCORSEditor(t, newFake(1))
	// The program would run the editor (tea.ExecProcess); the test runs the
	// same command and hands its exit back as the program does.
	roundTrip := func() {
		t.Helper()
		keys(a, "E")
		if f.stage != corsInEditor || f.editor == nil {
			t.Fatalf("E must hand over to the editor:\n%s", screenText(a))
		}
		err := f.editor.Cmd.Run()
		_, cmd := a.Update(corsEditorDoneMsg{id: f.id, err: err})
		drive(a, cmd)
	}
	roundTrip()
	wantOnScreen(t, a, "malformed JSON", "E reopens your text")
	if len(f.list.Rules) != 1 || f.list.Rules[0].AllowedOrigins[0] != "*" {
		t.Fatalf("broken JSON must not touch the rules: %+v", f.list.Rules)
	}
	if b, _ := os.ReadFile(seen); !strings.Contains(string(b), `"AllowedOrigins": [`) || !strings.Contains(string(b), `"*"`) {
		t.Fatalf("the first round edits the draft's JSON, saw %q", b)
	}
	if err := os.WriteFile(src, []byte(broken+"}]}"), 0o600); err != nil {
		t.Fatal(err)
	}
	roundTrip()
	if b, _ := os.ReadFile(seen); string(b) != broken {
		t.Fatalf("the second round must reopen the user's broken text, saw %q", b)
	}
	wantOnScreen(t, a, "Read 1 rules from the editor")
	if f.list.Rules[0].AllowedOrigins[0] != "https://a.example" || f.draft != nil {
		t.Fatalf("fixed JSON replaces the draft: %+v", f.list.Rules)
	}
}

func TestCORSEditorHelpNamesEveryKeyAt80x24(t *testing.T) {
	a, d, _ := openCORSEditor(t, newFake(1))
	var all []string
	for _, b := range d.FullHelp()[0] {
		all = append(all, b.Help().Key+" "+b.Help().Desc)
		if slices.Contains(b.Keys(), "t") {
			t.Errorf("t is the tester's key, the editor must not take it: %s", b.Help().Key)
		}
	}
	joined := strings.Join(all, " | ")
	for _, want := range []string{"a add rule", "enter/e edit rule", "K move up", "J move down", "d delete rule", "i import", "x export", "E JSON in $EDITOR", "D delete configuration", "w review plan", "esc close"} {
		if !strings.Contains(joined, want) {
			t.Errorf("help lacks %q: %s", want, joined)
		}
	}
	for i, l := range lines(a) {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	if n := len(lines(a)); n > 24 {
		t.Errorf("%d lines at 80x24", n)
	}
}

func TestCORSEditorRefusesUnreadRules(t *testing.T) {
	be := newFake(1)
	s := be.states[be.buckets[0].Name]
	s.CORS = nil
	s.Errors = map[awsops.Facet]*awsops.FacetError{awsops.FacetCORS: {Code: "AccessDenied", Message: "Access Denied"}}
	be.states[s.Name] = s
	a := loadedApp(t, be, 80, 24, false)
	d := openDetail(t, a)
	keys(a, "tab", "tab", "tab", "tab", "e")
	if d.flow != nil {
		t.Fatal("the editor must not open on rules it could not read")
	}
	wantOnScreen(t, a, "could not be read (AccessDenied)")
}

func TestCORSEditorReturnsToTheDraftWhenApplyFails(t *testing.T) {
	be := newFake(1)
	be.applyErr = errors.New("api error AccessDenied: Access Denied")
	a, d, f := openCORSEditor(t, be)
	keys(a, "e", "enter", "backspace")
	paste(a, "https://app.example.com")
	keys(a, "enter", "enter", "enter", "enter", "enter", "w", "y")
	wantOnScreen(t, a, "Access Denied")
	keys(a, "enter")
	if d.flow != f || f.stage != corsListing {
		t.Fatalf("enter must come back to the editor:\n%s", screenText(a))
	}
	if got := f.list.Rules[0].AllowedOrigins[0]; got != "https://app.example.com" || !f.list.Changed() {
		t.Fatalf("the draft must survive the failure, rule 1 origin %q", got)
	}
	wantOnScreen(t, a, "failed", "changed: w reviews the plan")
}

func TestCORSEditorRefusesAConfigurationOver64KB(t *testing.T) {
	var rules []awsops.CORSRule
	for i := range 2 {
		r := awsops.CORSRule{AllowedMethods: []string{"GET"}}
		for j := range 1000 {
			r.AllowedOrigins = append(r.AllowedOrigins, fmt.Sprintf("https://site-%d-%d.example.com", i, j))
		}
		rules = append(rules, r)
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, awsops.FormatCORSJSON(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	be := newFake(1)
	a, d, f := openCORSEditor(t, be)
	keys(a, "i")
	paste(a, path)
	keys(a, "enter")
	wantOnScreen(t, a, "Imported 2 rules", "✗ configuration: the configuration is", "at most 65536", "›1")
	keys(a, "pgdown")
	wantOnScreen(t, a, "https://site-0-12.example.com") // paged into the tall rule
	keys(a, "w")
	if d.flow != f || len(be.applied) != 0 {
		t.Fatal("a configuration over 64 KB must not reach a plan")
	}
	wantOnScreen(t, a, "Not sent: configuration: the configuration is")
}
