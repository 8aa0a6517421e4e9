package bucketconfig

import (
	"net/http"
	"testing"
)

func TestParseVersioning(t *testing.T) {
	illegal := &wantErr{http.StatusBadRequest, "IllegalVersioningConfigurationException", "The Versioning element must be specified"}
	tests := []struct {
		name string
		body string
		want Versioning
		err  *wantErr
	}{
		{"enable", `<Status>Enabled</Status>`, Versioning{Status: "Enabled"}, nil},
		{"suspend", `<Status>Suspended</Status>`, Versioning{Status: "Suspended"}, nil},
		{"with mfa delete", `<Status>Enabled</Status><MfaDelete>Enabled</MfaDelete>`, Versioning{Status: "Enabled", MFADelete: "Enabled"}, nil},
		{"mfa delete disabled", `<MfaDelete>Disabled</MfaDelete><Status>Suspended</Status>`, Versioning{Status: "Suspended", MFADelete: "Disabled"}, nil},
		{"wrong case", `<Status>enabled</Status>`, Versioning{}, malformed},
		{"disabled is no status", `<Status>Disabled</Status>`, Versioning{}, malformed},
		{"empty status", `<Status></Status>`, Versioning{}, malformed},
		{"bad mfa delete", `<Status>Enabled</Status><MfaDelete>On</MfaDelete>`, Versioning{}, malformed},
		{"sdk field name is not the element", `<Status>Enabled</Status><MFADelete>Enabled</MFADelete>`, Versioning{}, malformed},
		{"empty configuration", ``, Versioning{}, illegal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseVersioning([]byte(ns("VersioningConfiguration", tt.body)))
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	_, err := ParseVersioning([]byte(`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`))
	checkErr(t, err, illegal)
}

func TestVersioningXML(t *testing.T) {
	tests := []struct {
		v    Versioning
		want string
	}{
		{Versioning{}, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`},
		{Versioning{Status: "Enabled", MFADelete: "Enabled"}, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>`},
		{Versioning{Status: "Suspended"}, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Suspended</Status></VersioningConfiguration>`},
	}
	for _, tt := range tests {
		if got := string(tt.v.XML()); got != xmlHeader+tt.want {
			t.Fatalf("got %s, want %s", got, tt.want)
		}
	}
}

func TestVersioningRoundTrip(t *testing.T) {
	for _, v := range []Versioning{{Status: "Enabled"}, {Status: "Suspended", MFADelete: "Disabled"}, {MFADelete: "Enabled"}} {
		got, err := ParseVersioning(v.XML())
		checkErr(t, err, nil)
		if got != v {
			t.Fatalf("round trip: got %+v, want %+v", got, v)
		}
	}
}
