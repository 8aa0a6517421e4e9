package awsops

import (
	"strings"
	"testing"
)

func TestACLsEnabledFinding(t *testing.T) {
	for _, tc := range []struct {
		setting string
		want    bool
		says    string
	}{
		{"BucketOwnerEnforced", false, ""},
		{"ObjectWriter", true, "Object Ownership ObjectWriter"},
		{"BucketOwnerPreferred", true, "Object Ownership BucketOwnerPreferred"},
		{"", true, "no Object Ownership controls"},
	} {
		st := with("b", func(s *BucketState) { s.Ownership = &ObjectOwnership{Setting: tc.setting} })
		fs := Analyse([]BucketState{st})
		var got *Finding
		for i := range fs {
			if fs[i].ID == FindingACLsEnabled {
				got = &fs[i]
			}
		}
		if (got != nil) != tc.want {
			t.Errorf("%q: acls-enabled finding %v, want %v (findings %v)", tc.setting, got != nil, tc.want, fs)
			continue
		}
		if got != nil && (!strings.Contains(got.Message, tc.says) || !strings.Contains(got.Remedy, "ObjectOwnership=BucketOwnerEnforced")) {
			t.Errorf("%q: %+v", tc.setting, *got)
		}
	}
	// Not read yet is not a finding (the unread-facet logic speaks for it).
	st := with("b", func(s *BucketState) { s.Ownership = nil })
	for _, f := range Analyse([]BucketState{st}) {
		if f.ID == FindingACLsEnabled {
			t.Errorf("finding for an unread facet: %+v", f)
		}
	}
}
