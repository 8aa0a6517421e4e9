package bucketconfig

import (
	"net/http"
	"testing"
)

func TestParsePublicAccessBlock(t *testing.T) {
	tests := []struct {
		name string
		body string
		want PublicAccessBlock
		err  *wantErr
	}{
		{"all four", `<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>`,
			PublicAccessBlock{true, true, true, true}, nil},
		{"missing flags are false", `<BlockPublicPolicy>true</BlockPublicPolicy>`, PublicAccessBlock{BlockPublicPolicy: true}, nil},
		{"explicit false", `<BlockPublicAcls>false</BlockPublicAcls>`, PublicAccessBlock{}, nil},
		{"none", ``, PublicAccessBlock{}, &wantErr{http.StatusBadRequest, "InvalidRequest", "Must specify at least one configuration."}},
		{"bad boolean", `<BlockPublicAcls>TRUE</BlockPublicAcls>`, PublicAccessBlock{}, malformed},
		{"unknown flag", `<BlockEverything>true</BlockEverything>`, PublicAccessBlock{}, malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePublicAccessBlock([]byte(ns("PublicAccessBlockConfiguration", tt.body)))
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPublicAccessBlockXMLAndRoundTrip(t *testing.T) {
	p := PublicAccessBlock{BlockPublicAcls: true, RestrictPublicBuckets: true}
	want := xmlHeader + `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>` +
		`<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`
	if got := string(p.XML()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	got, err := ParsePublicAccessBlock(p.XML())
	checkErr(t, err, nil)
	if got != p {
		t.Fatalf("round trip: got %+v", got)
	}
}
