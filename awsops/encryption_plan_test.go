package awsops

import (
	"strings"
	"testing"
)

// kmsBucket is a bucket whose default is SSE-KMS without bucket key, SSE-C blocked.
func kmsBucket(name string) BucketState {
	return BucketState{Name: name, Region: "us-east-1", Encryption: &Encryption{
		Algorithm: AlgorithmKMS, KMSKeyID: "alias/acme-records", BlockedEncryptionTypes: []string{"SSE-C"},
	}}
}

// hasWarning reports whether any warning contains every fragment.
func hasWarning(p Plan, fragments ...string) bool {
	for _, w := range p.Warnings {
		all := true
		for _, f := range fragments {
			all = all && strings.Contains(w, f)
		}
		if all {
			return true
		}
	}
	return false
}

func TestEncryptionPlanKMSWithBucketKey(t *testing.T) {
	state := BucketState{Name: "b1", Region: "eu-west-1", Encryption: &Encryption{Algorithm: AlgorithmAES256, BlockedEncryptionTypes: []string{"SSE-C"}}}
	p, err := EncryptionPlan(state, EncryptionChoice{Algorithm: AlgorithmKMS, KMSKeyID: "alias/acme-eu", BucketKey: true, BlockSSEC: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Bucket != "b1" || p.Region != "eu-west-1" || len(p.Steps) != 1 || p.NeedsMFA() {
		t.Fatalf("plan = %+v", p)
	}
	st := p.Steps[0]
	if st.API != "s3:PutBucketEncryption" || st.run == nil {
		t.Errorf("step = %+v", st)
	}
	wantCLI := `aws s3api put-bucket-encryption --bucket b1 --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/acme-eu"},"BucketKeyEnabled":true,"BlockedEncryptionTypes":{"EncryptionType":["SSE-C"]}}]}'`
	if st.CLI != wantCLI {
		t.Errorf("CLI =\n%s\nwant\n%s", st.CLI, wantCLI)
	}
	wantParams := []string{"SSEAlgorithm=aws:kms", "KMSMasterKeyID=alias/acme-eu", "BucketKeyEnabled=true", "BlockedEncryptionTypes=SSE-C"}
	if strings.Join(st.Params, "|") != strings.Join(wantParams, "|") {
		t.Errorf("Params = %q, want %q", st.Params, wantParams)
	}
	if !hasWarning(p, "Bucket Key applies only to objects written from now on") || !hasWarning(p, "existing objects keep their current encryption") {
		t.Errorf("warnings %q lack the new-objects-only notes", p.Warnings)
	}
	if hasWarning(p, "SSE-C") {
		t.Errorf("SSE-C stays blocked, yet warnings mention it: %q", p.Warnings)
	}
}

func TestEncryptionPlanWarnings(t *testing.T) {
	logs := kmsBucket("logs")
	logs.Encryption = &Encryption{Algorithm: AlgorithmAES256, BlockedEncryptionTypes: []string{"SSE-C"}}
	src1 := BucketState{Name: "web", Logging: &Logging{Enabled: true, TargetBucket: "logs"}}
	src2 := BucketState{Name: "api", Logging: &Logging{Enabled: true, TargetBucket: "logs"}}
	other := BucketState{Name: "misc", Logging: &Logging{Enabled: true, TargetBucket: "elsewhere"}}

	tests := []struct {
		name      string
		state     BucketState
		choice    EncryptionChoice
		all       []BucketState
		want      [][]string // fragments of warnings that must be present
		wantNot   []string   // fragments no warning may contain
		wantParam string     // a Params line that must be present
	}{
		{
			name: "log bucket to SSE-KMS", state: logs, all: []BucketState{src1, src2, other, logs},
			choice: EncryptionChoice{Algorithm: AlgorithmKMS, BlockSSEC: true},
			want:   [][]string{{"access-log target of api, web", "stop arriving"}, {"AWS-managed key aws/s3"}},
		},
		{
			name: "log bucket stays SSE-S3", state: logs, all: []BucketState{src1, src2, logs},
			choice: EncryptionChoice{Algorithm: AlgorithmAES256, BlockSSEC: true}, wantNot: []string{"stop arriving"},
		},
		{
			name: "DSSE has no bucket key", state: kmsBucket("b"),
			choice:    EncryptionChoice{Algorithm: AlgorithmKMSDSSE, KMSKeyID: "alias/acme-records", BucketKey: true, BlockSSEC: true},
			want:      [][]string{{"DSSE-KMS does not support S3 Bucket Keys"}},
			wantParam: "BucketKeyEnabled=false",
		},
		{
			name: "allowing SSE-C again", state: kmsBucket("b"),
			choice:    EncryptionChoice{Algorithm: AlgorithmKMS, KMSKeyID: "alias/acme-records"},
			want:      [][]string{{"allows SSE-C again", "Lost keys mean lost data"}},
			wantParam: "BlockedEncryptionTypes=NONE",
		},
		{
			name: "no change", state: kmsBucket("b"),
			choice: EncryptionChoice{Algorithm: AlgorithmKMS, KMSKeyID: "alias/acme-records", BlockSSEC: true},
			want:   [][]string{{"already the bucket's configuration"}}, wantNot: []string{"existing objects"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := EncryptionPlan(tt.state, tt.choice, tt.all...)
			if err != nil {
				t.Fatal(err)
			}
			for _, frags := range tt.want {
				if !hasWarning(p, frags...) {
					t.Errorf("no warning with %q in %q", frags, p.Warnings)
				}
			}
			for _, f := range tt.wantNot {
				if hasWarning(p, f) {
					t.Errorf("unexpected warning with %q in %q", f, p.Warnings)
				}
			}
			if tt.wantParam != "" && !strings.Contains(strings.Join(p.Steps[0].Params, "\n"), tt.wantParam) {
				t.Errorf("Params %q lack %q", p.Steps[0].Params, tt.wantParam)
			}
		})
	}
}

func TestEncryptionPlanRefusals(t *testing.T) {
	state := kmsBucket("b")
	tests := []struct {
		name   string
		choice EncryptionChoice
		want   string
	}{
		{"unknown algorithm", EncryptionChoice{Algorithm: "aws:fsx"}, "unknown default encryption"},
		{"key with SSE-S3", EncryptionChoice{Algorithm: AlgorithmAES256, KMSKeyID: "alias/x"}, "only applies to SSE-KMS"},
		{"key of another region", EncryptionChoice{Algorithm: AlgorithmKMS, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, "is in eu-west-1 but b is in us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EncryptionPlan(state, tt.choice)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	// A key ARN of the bucket's own region is accepted.
	if _, err := EncryptionPlan(state, EncryptionChoice{Algorithm: AlgorithmKMS, KMSKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}); err != nil {
		t.Errorf("same-region key ARN refused: %v", err)
	}
}

func TestBucketKeyPlan(t *testing.T) {
	p, err := BucketKeyPlan(kmsBucket("records"))
	if err != nil {
		t.Fatal(err)
	}
	st := p.Steps[0]
	if !strings.Contains(st.CLI, `"KMSMasterKeyID":"alias/acme-records"},"BucketKeyEnabled":true,"BlockedEncryptionTypes":{"EncryptionType":["SSE-C"]}`) {
		t.Errorf("CLI does not keep the key and SSE-C block: %s", st.CLI)
	}
	if !hasWarning(p, "Now: SSE-KMS without a bucket key") || !hasWarning(p, "After: SSE-KMS with an S3 Bucket Key") {
		t.Errorf("warnings lack the cost hints: %q", p.Warnings)
	}

	// A bucket whose endpoint does not report BlockedEncryptionTypes (moto)
	// keeps it absent rather than getting SSE-C allowed by accident.
	moto := kmsBucket("m")
	moto.Encryption.BlockedEncryptionTypes = nil
	p, err = BucketKeyPlan(moto)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Steps[0].CLI, "BlockedEncryptionTypes") || hasWarning(p, "SSE-C") {
		t.Errorf("absent block list changed: %s / %q", p.Steps[0].CLI, p.Warnings)
	}

	for name, enc := range map[string]*Encryption{
		"not read":   nil,
		"SSE-S3":     {Algorithm: AlgorithmAES256},
		"DSSE":       {Algorithm: AlgorithmKMSDSSE},
		"already on": {Algorithm: AlgorithmKMS, BucketKey: true},
	} {
		if _, err := BucketKeyPlan(BucketState{Name: "x", Encryption: enc}); err == nil {
			t.Errorf("%s: BucketKeyPlan accepted it", name)
		}
	}
}

func TestKMSCostHint(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range []Encryption{
		{Algorithm: AlgorithmAES256}, {Algorithm: AlgorithmKMS}, {Algorithm: AlgorithmKMS, BucketKey: true}, {Algorithm: AlgorithmKMSDSSE},
	} {
		h := KMSCostHint(e)
		if h == "" || seen[h] {
			t.Errorf("KMSCostHint(%+v) = %q: want a distinct sentence per case", e, h)
		}
		seen[h] = true
	}
	if !strings.Contains(KMSCostHint(Encryption{Algorithm: AlgorithmKMS}), "99%") {
		t.Error("the no-bucket-key hint should quantify the saving")
	}
}
