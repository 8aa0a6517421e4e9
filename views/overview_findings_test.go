package views

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// cleanState is a fully read bucket that the analysis finds nothing in.
func cleanState(name string) awsops.BucketState {
	return awsops.BucketState{
		Name: name, Region: "us-east-1", CreationDate: fixedNow,
		Encryption:        &awsops.Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}},
		Versioning:        &awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: awsops.MFADeleteEnabled},
		Logging:           &awsops.Logging{},
		CORS:              &awsops.CORS{},
		Policy:            &awsops.Policy{Present: true, TLSEnforced: true},
		PublicAccessBlock: &awsops.PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true},
		Lifecycle:         &awsops.Lifecycle{},
		Ownership:         &awsops.ObjectOwnership{Setting: "BucketOwnerEnforced"},
	}
}

// Every facet has arrived but the debounced analysis has not run yet: the
// Findings cell must spin, not claim "none", until the findings are in.
func TestFindingsCellSpinsWhileTheAnalysisIsPending(t *testing.T) {
	be := newFake(0)
	st := cleanState("clean-bucket")
	be.buckets = []awsops.Bucket{{Name: st.Name, Region: st.Region, CreationDate: st.CreationDate}}
	be.states = map[string]awsops.BucketState{st.Name: st}
	if fs := awsops.Analyse([]awsops.BucketState{st}); len(fs) != 0 {
		t.Fatalf("test bucket is not clean: %+v", fs)
	}

	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 140, Height: 20})
	a.Init()
	a.Update(identityMsg{id: be.id})
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	a.Update(facetBatchMsg{gen: a.overview.scan.gen, updates: updatesOf(st), done: true})
	a.c.spin = "@"
	if a.overview.analysis.settled() {
		t.Fatal("the analysis should still be pending right after the last facet")
	}
	row := lines(a)[2]
	if !strings.Contains(row, "clean-bucket") || lastCell(row) != "@" {
		t.Fatalf("row %q: while the analysis is pending the Findings cell must spin, never say none", row)
	}

	settle(a)
	row = lines(a)[2]
	if lastCell(row) != "none" {
		t.Fatalf("row %q: once analysed, a clean bucket says none", row)
	}
}

// lastCell is the last cell of a grid row: the Findings column.
func lastCell(row string) string {
	f := strings.Fields(row)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
