package bucketconfig

import "testing"

func TestParseCreateBucket(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
		err  *wantErr
	}{
		{"empty body", ``, "", nil},
		{"whitespace body", " \n", "", nil},
		{"constraint", ns("CreateBucketConfiguration", `<LocationConstraint>eu-west-2</LocationConstraint>`), "eu-west-2", nil},
		{"legacy EU", `<CreateBucketConfiguration><LocationConstraint>EU</LocationConstraint></CreateBucketConfiguration>`, "EU", nil},
		{"empty configuration", ns("CreateBucketConfiguration", ``), "", nil},
		{"with tags", ns("CreateBucketConfiguration", `<LocationConstraint>us-west-2</LocationConstraint><Tags><Tag><Key>k</Key><Value>v</Value></Tag></Tags>`), "us-west-2", nil},
		{"not xml", `eu-west-2`, "", malformed},
		{"wrong root", `<CreateBucket><LocationConstraint>eu-west-2</LocationConstraint></CreateBucket>`, "", malformed},
		{"two constraints", ns("CreateBucketConfiguration", `<LocationConstraint>a</LocationConstraint><LocationConstraint>b</LocationConstraint>`), "", malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCreateBucket([]byte(tt.body))
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
