package awsops

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestReencryptPlanKMS(t *testing.T) {
	state := kmsBucket("records")
	state.Versioning = &Versioning{Status: VersioningEnabled}
	objs := []ObjectRef{{Key: "a.txt"}, {Key: "dir/b c.txt", VersionID: "v1"}}
	p := ReencryptPlan(state, objs, ObjectEncryptionChoice{Mode: SSEKMS, KMSKeyID: "alias/acme-records", BucketKey: aws.Bool(true)})
	if len(p.Steps) != 2 {
		t.Fatalf("steps = %d, warnings %q", len(p.Steps), p.Warnings)
	}
	want := `aws s3api copy-object --bucket records --key 'dir/b c.txt' --copy-source 'records/dir/b%20c.txt?versionId=v1' --metadata-directive COPY --server-side-encryption aws:kms --ssekms-key-id alias/acme-records --bucket-key-enabled`
	if p.Steps[1].CLI != want {
		t.Errorf("CLI =\n%s\nwant\n%s", p.Steps[1].CLI, want)
	}
	if p.Steps[0].API != "s3:CopyObject" || p.Steps[0].run == nil {
		t.Errorf("step = %+v", p.Steps[0])
	}
	if !hasWarning(p, "new current version") || !hasWarning(p, "makes it the current version") || !hasWarning(p, "calls KMS") {
		t.Errorf("warnings = %q", p.Warnings)
	}
}

func TestReencryptPlanRedactsSSECKeys(t *testing.T) {
	newKey := bytes.Repeat([]byte("N"), 32)
	oldKey := bytes.Repeat([]byte("O"), 32)
	state := BucketState{Name: "vault", Region: "eu-west-1", Encryption: &Encryption{Algorithm: AlgorithmAES256, BlockedEncryptionTypes: []string{"NONE"}}}
	p := ReencryptPlan(state, []ObjectRef{{Key: "secret.bin"}}, ObjectEncryptionChoice{Mode: SSEC, SSECKey: newKey, SourceSSECKey: oldKey})
	if len(p.Steps) != 1 {
		t.Fatalf("no steps: %q", p.Warnings)
	}
	dump := fmt.Sprintf("%v %+v %#v %s", p, p, p, p.CLIScript())
	for _, secret := range [][]byte{newKey, oldKey} {
		for _, form := range []string{string(secret), base64.StdEncoding.EncodeToString(secret), fmt.Sprintf("%x", secret), SSECKeyMD5(secret)} {
			if strings.Contains(dump, form) {
				t.Errorf("the plan shows a key (or its digest) in the form %q", form)
			}
		}
	}
	cli := p.Steps[0].CLI
	if !strings.Contains(cli, "--sse-customer-key fileb://SSE-C-KEY-FILE") || !strings.Contains(cli, "--copy-source-sse-customer-key fileb://SOURCE-SSE-C-KEY-FILE") {
		t.Errorf("CLI lacks the key file placeholders: %s", cli)
	}
	if !hasWarning(p, "S3 does not keep the key") {
		t.Errorf("warnings = %q", p.Warnings)
	}
}

func TestReencryptPlanBucketDefault(t *testing.T) {
	state := kmsBucket("records")
	state.Encryption.BucketKey = true
	p := ReencryptPlan(state, []ObjectRef{{Key: "k"}}, ObjectEncryptionChoice{Mode: SSEDefault})
	if len(p.Steps) != 1 {
		t.Fatalf("no steps: %q", p.Warnings)
	}
	params := strings.Join(p.Steps[0].Params, "\n")
	for _, want := range []string{"ServerSideEncryption=aws:kms", "SSEKMSKeyId=alias/acme-records", "BucketKeyEnabled=true"} {
		if !strings.Contains(params, want) {
			t.Errorf("Params %q lack %q: the default must be sent explicitly", p.Steps[0].Params, want)
		}
	}
	if !strings.Contains(p.Title, "the bucket default") {
		t.Errorf("title = %q", p.Title)
	}
}

func TestReencryptPlanInvalidChoices(t *testing.T) {
	state := kmsBucket("records")
	for name, c := range map[string]ObjectEncryptionChoice{
		"client-side":          {Mode: SSEClient},
		"SSE-C without a key":  {Mode: SSEC},
		"short SSE-C key":      {Mode: SSEC, SSECKey: make([]byte, 8)},
		"key with SSE-S3":      {Mode: SSES3, KMSKeyID: "alias/x"},
		"DSSE with bucket key": {Mode: DSSEKMS, BucketKey: aws.Bool(true)},
		"other region key":     {Mode: SSEKMS, KMSKeyID: "arn:aws:kms:eu-west-1:111122223333:key/k"},
		"short source key":     {Mode: SSES3, SourceSSECKey: make([]byte, 31)},
	} {
		p := ReencryptPlan(state, []ObjectRef{{Key: "k"}}, c)
		if len(p.Steps) != 0 || len(p.Warnings) == 0 || !strings.HasPrefix(p.Warnings[0], "Cannot re-encrypt") {
			t.Errorf("%s: steps %d, warnings %q; want no steps and the reason", name, len(p.Steps), p.Warnings)
		}
		if name != "other region key" && ValidateObjectEncryptionChoice(c) == nil {
			t.Errorf("%s: ValidateObjectEncryptionChoice accepted it", name)
		}
	}
}
