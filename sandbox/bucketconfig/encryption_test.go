package bucketconfig

import (
	"net/http"
	"reflect"
	"testing"
)

func TestParseEncryptionAcceptsEachShape(t *testing.T) {
	tests := []struct {
		name string
		body string
		want EncryptionRule
	}{
		{"aes256", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>`,
			EncryptionRule{Algorithm: "AES256"}},
		{"kms with bare key id echoed as sent", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>1234abcd-12ab-34cd-56ef-1234567890ab</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>`,
			EncryptionRule{Algorithm: "aws:kms", KMSMasterKeyID: "1234abcd-12ab-34cd-56ef-1234567890ab", BucketKeyEnabled: true}},
		{"kms without key uses aws/s3", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>`,
			EncryptionRule{Algorithm: "aws:kms"}},
		{"dsse with alias", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms:dsse</SSEAlgorithm><KMSMasterKeyID>alias/demo</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>`,
			EncryptionRule{Algorithm: "aws:kms:dsse", KMSMasterKeyID: "alias/demo"}},
		{"bucket key with AES256 is accepted", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>`,
			EncryptionRule{Algorithm: "AES256", BucketKeyEnabled: true}},
		{"default plus block list", `<Rule><BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>`,
			EncryptionRule{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}}},
		{"unblock SSE-C only", `<Rule><BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule>`,
			EncryptionRule{BlockedEncryptionTypes: []string{"NONE"}}},
		{"whitespace around tokens", "<Rule>\n <ApplyServerSideEncryptionByDefault>\n  <SSEAlgorithm> AES256 </SSEAlgorithm>\n </ApplyServerSideEncryptionByDefault>\n <BucketKeyEnabled> false </BucketKeyEnabled>\n</Rule>",
			EncryptionRule{Algorithm: "AES256"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEncryption([]byte(ns("ServerSideEncryptionConfiguration", tt.body)))
			checkErr(t, err, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseEncryptionRefusals(t *testing.T) {
	kmsNotApplicable := &wantErr{http.StatusBadRequest, "InvalidArgument",
		"a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse"}
	aes := `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>`
	tests := []struct {
		name string
		body string
		want *wantErr
	}{
		{"zero rules", ``, malformed},
		{"two rules", `<Rule>` + aes + `</Rule><Rule>` + aes + `</Rule>`, malformed},
		{"AES256 plus KMSMasterKeyID", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>`, kmsNotApplicable},
		{"unknown algorithm", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aes256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>`, malformed},
		{"missing algorithm", `<Rule><ApplyServerSideEncryptionByDefault><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>`, malformed},
		{"unknown encryption type", `<Rule><BlockedEncryptionTypes><EncryptionType>SSE-KMS</EncryptionType></BlockedEncryptionTypes></Rule>`, malformed},
		{"bad boolean", `<Rule>` + aes + `<BucketKeyEnabled>yes</BucketKeyEnabled></Rule>`, malformed},
		{"unknown rule child", `<Rule>` + aes + `<Other/></Rule>`, malformed},
		// Schema errors take precedence over the KMSMasterKeyID check.
		{"schema error beats InvalidArgument", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>maybe</BucketKeyEnabled></Rule>`, malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseEncryption([]byte(ns("ServerSideEncryptionConfiguration", tt.body)))
			checkErr(t, err, tt.want)
		})
	}
	_, err := ParseEncryption([]byte(ns("ServerSideEncryptionConfiguration", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>`)))
	if want := [][2]string{{"ArgumentName", "ApplyServerSideEncryptionByDefault"}}; !reflect.DeepEqual(err.Extra, want) {
		t.Fatalf("Extra = %v, want %v", err.Extra, want)
	}
}

func TestDefaultEncryptionDocument(t *testing.T) {
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>` +
		`<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
		`<BucketKeyEnabled>false</BucketKeyEnabled>` +
		`<BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>` +
		`</Rule></ServerSideEncryptionConfiguration>`
	if got := string(DefaultEncryption().XML()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestEncryptionXMLOmitsAbsentMembers(t *testing.T) {
	got := string(EncryptionRule{Algorithm: "aws:kms"}.XML())
	want := xmlHeader + `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>` +
		`<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault>` +
		`<BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestEncryptionRoundTrip(t *testing.T) {
	for _, r := range []EncryptionRule{
		DefaultEncryption(),
		{Algorithm: "aws:kms", KMSMasterKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd", BucketKeyEnabled: true},
		{Algorithm: "aws:kms:dsse", KMSMasterKeyID: "alias/x", BlockedEncryptionTypes: []string{"NONE"}},
		{BlockedEncryptionTypes: []string{}},
	} {
		got, err := ParseEncryption(r.XML())
		checkErr(t, err, nil)
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("round trip: got %+v, want %+v", got, r)
		}
	}
}
