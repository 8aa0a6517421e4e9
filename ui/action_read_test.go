package ui

import "testing"

func TestReadActionsStayInReadOnlyMode(t *testing.T) {
	k := NewKeyMap(true)
	if a := k.ReadAction(k.Download, "download", true); !a.Enabled() {
		t.Fatalf("a read action in read-only mode = %+v, want enabled", a)
	}
	if a := k.ReadAction(k.Download, "download", false); a.Reason != ReasonNotYet {
		t.Fatalf("an unavailable read action = %+v, want disabled as not yet available", a)
	}
	if a := k.Action(k.Upload, "upload", true); a.Enabled() {
		t.Fatal("a changing action must stay disabled in read-only mode")
	}
}
