package awsops

import "testing"

func TestDeleteVersionsPlanSendsKeysXMLCannotCarryAlone(t *testing.T) {
	refs := []ObjectVersionRef{{Key: "a\x1bb", VersionID: "v1"}, {Key: "plain", VersionID: "v2"}, {Key: "a\x1cb", VersionID: "v3"}, {Key: "x\u202ey", VersionID: "v4"}}
	p := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteDisabled, 0), refs, "")
	var apis []string
	for _, s := range p.Steps {
		apis = append(apis, s.API)
	}
	if len(apis) != 3 || apis[0] != "s3:DeleteObjects" || apis[1] != "s3:DeleteObject" || apis[2] != "s3:DeleteObject" {
		t.Fatalf("steps %v, want one DeleteObjects (plain, the bidi key) then one DeleteObject per control-character key", apis)
	}
	if files := DeleteObjectsFiles(refs); len(files) != 1 || files[0].Name != "delete.json" {
		t.Fatalf("delete.json files %+v", files)
	}

	// With MFA Delete one code covers one request: the plan covers the first.
	m := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), refs[:1:1], testSerial)
	if len(m.Steps) != 1 || m.Steps[0].API != "s3:DeleteObject" {
		t.Fatalf("one version: %+v", m.Steps)
	}
	both := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), []ObjectVersionRef{refs[0], refs[2]}, testSerial)
	if len(both.Steps) != 1 || both.Steps[0].API != "s3:DeleteObject" || !planWarns(both, "deletes the first 1 of 2 versions (request 1 of 2)") {
		t.Fatalf("two control-character keys under MFA: %+v %v", both.Steps, both.Warnings)
	}
	mixed := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), refs, testSerial)
	if len(mixed.Steps) != 1 || mixed.Steps[0].API != "s3:DeleteObjects" || !planWarns(mixed, "deletes the first 2 of 4 versions (request 1 of 3)") {
		t.Fatalf("mixed under MFA: %+v %v", mixed.Steps, mixed.Warnings)
	}
}
