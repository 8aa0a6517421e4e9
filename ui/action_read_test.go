package ui

import "testing"

func TestReadActionsStayInReadOnlyMode(t *testing.T) {
	k := NewKeyMap(true)
	if a := k.ReadAction(k.Download, "download"); !a.Enabled() {
		t.Fatalf("a read action in read-only mode = %+v, want enabled", a)
	}
	if a := k.Action(k.Upload, "upload"); a.Enabled() {
		t.Fatal("a changing action must stay disabled in read-only mode")
	}
}
