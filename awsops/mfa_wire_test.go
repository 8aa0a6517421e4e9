package awsops

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/s3sec/s3sec/otp"
)

// The wire tests run the MFA plans and IAM calls against a fake endpoint that
// records what arrives, to check the x-amz-mfa header and that the code goes
// nowhere else. The sandbox tests (integration_mfa_sandbox_test.go) check
// the behaviour against a real implementation.

const (
	wireCode    = "731904" // the only code the fake accepts
	wireBadCode = "000000"
	wireSeed    = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
)

// wireRequest is what the fake saw of one request.
type wireRequest struct {
	method, path, query, mfa, auth, body string
}

// fakeMFAEndpoint answers S3 versioning and delete calls and IAM MFA calls.
type fakeMFAEndpoint struct {
	mu   sync.Mutex
	seen []wireRequest
}

func (f *fakeMFAEndpoint) requests() []wireRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]wireRequest(nil), f.seen...)
}

func (f *fakeMFAEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := wireRequest{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("X-Amz-Mfa"), r.Header.Get("Authorization"), string(body)}
	f.mu.Lock()
	f.seen = append(f.seen, req)
	f.mu.Unlock()
	if r.Method == http.MethodPost && r.URL.Path == "/" {
		f.iam(w, req)
		return
	}
	s3Err := func(status int, code, msg string) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<Error><Code>%s</Code><Message>%s</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>", code, msg)
	}
	switch {
	case req.mfa == "" && r.Method != http.MethodPost:
		s3Err(http.StatusForbidden, "AccessDenied", "Mfa Authentication must be used for this request")
	case req.mfa != "" && !strings.HasSuffix(req.mfa, " "+wireCode):
		s3Err(http.StatusForbidden, "AccessDenied", "Access Denied")
	case r.Method == http.MethodPut:
		w.WriteHeader(http.StatusOK)
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost:
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`+
			`<Deleted><Key>a</Key><VersionId>1</VersionId><DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>1</DeleteMarkerVersionId></Deleted>`+
			`<Error><Key>b</Key><VersionId>2</VersionId><Code>NoSuchVersion</Code><Message>The specified version does not exist.</Message></Error>`+
			`</DeleteResult>`)
	}
}

// iam answers the three IAM actions awsops uses, in the Query protocol.
func (f *fakeMFAEndpoint) iam(w http.ResponseWriter, req wireRequest) {
	form, _ := url.ParseQuery(req.body)
	action := form.Get("Action")
	w.Header().Set("Content-Type", "text/xml")
	b64 := base64.StdEncoding.EncodeToString
	var result string
	switch action {
	case "CreateVirtualMFADevice":
		result = "<VirtualMFADevice><SerialNumber>arn:aws:iam::111122223333:mfa/" + form.Get("VirtualMFADeviceName") + "</SerialNumber>" +
			"<Base32StringSeed>" + b64([]byte(wireSeed)) + "</Base32StringSeed><QRCodePNG>" + b64([]byte("\x89PNG fake")) + "</QRCodePNG></VirtualMFADevice>"
	case "ListMFADevices":
		result = "<MFADevices>" +
			"<member><UserName>111122223333</UserName><SerialNumber>" + testSerial + "</SerialNumber><EnableDate>2026-01-02T03:04:05Z</EnableDate></member>" +
			"<member><UserName>111122223333</UserName><SerialNumber>GAHT12345678</SerialNumber><EnableDate>2025-05-06T07:08:09Z</EnableDate></member>" +
			"<member><UserName>111122223333</UserName><SerialNumber>arn:aws:iam::111122223333:u2f/root/yubi</SerialNumber><EnableDate>2025-05-06T07:08:09Z</EnableDate></member>" +
			"</MFADevices><IsTruncated>false</IsTruncated>"
	case "EnableMFADevice":
		if form.Get("AuthenticationCode1") != wireCode {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>InvalidAuthenticationCode</Code>`+
				`<Message>Authentication code for device is not valid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
			return
		}
	}
	fmt.Fprintf(w, `<%[1]sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><%[1]sResult>%[2]s</%[1]sResult>`+
		`<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></%[1]sResponse>`, action, result)
}

// hasQuery reports whether the request named the sub-resource or parameter.
func hasQuery(r wireRequest, name string) bool {
	q, err := url.ParseQuery(r.query)
	return err == nil && q.Has(name)
}

// queryValue returns one query parameter of the request.
func queryValue(r wireRequest, name string) string {
	q, _ := url.ParseQuery(r.query)
	return q.Get(name)
}

// wireSession opens a session on a fake endpoint, over HTTPS unless plain.
func wireSession(t *testing.T, plain ...bool) (*Session, *fakeMFAEndpoint) {
	t.Helper()
	fake := &fakeMFAEndpoint{}
	var srv *httptest.Server
	if len(plain) > 0 && plain[0] {
		srv = httptest.NewServer(fake)
	} else {
		srv = httptest.NewTLSServer(fake)
	}
	t.Cleanup(srv.Close)
	s, err := Open(context.Background(), Options{Region: "eu-west-1", EndpointURL: srv.URL, HTTPClient: srv.Client(),
		AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, fake
}

// noCode fails when any formatting of v contains the MFA code.
func noCode(t *testing.T, what string, v any) {
	t.Helper()
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, v); strings.Contains(s, wireCode) || strings.Contains(s, wireBadCode) {
			t.Errorf("%s formatted with %s shows the MFA code: %s", what, f, s)
		}
	}
}

func TestApplyMFAPlanOnTheWire(t *testing.T) {
	sess, fake := wireSession(t)
	ctx := context.Background()
	st := stateWith(VersioningEnabled, MFADeleteNever, 0)
	plan := EnableMFADeletePlan(st, testSerial, false)

	// Without a code nothing is sent.
	if err := sess.Apply(ctx, plan, MFA{Serial: testSerial}, nil); !errors.Is(err, ErrMFARequired) || !IsMFARequired(err) {
		t.Fatalf("Apply without code = %v", err)
	}
	if n := len(fake.requests()); n != 0 {
		t.Fatalf("%d requests sent without a code", n)
	}

	var progressed []Step
	err := sess.Apply(ctx, plan, MFA{Serial: testSerial, Code: wireCode}, func(_ int, s Step, _ error) { progressed = append(progressed, s) })
	if err != nil {
		t.Fatal(err)
	}
	reqs := fake.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.method != http.MethodPut || r.path != "/acme-records" || !hasQuery(r, "versioning") || r.mfa != testSerial+" "+wireCode {
		t.Errorf("request %s %s?%s x-amz-mfa %q", r.method, r.path, r.query, r.mfa)
	}
	if !strings.Contains(r.body, "<Status>Enabled</Status>") || !strings.Contains(r.body, "<MfaDelete>Enabled</MfaDelete>") {
		t.Errorf("body %s", r.body)
	}
	if !strings.Contains(r.auth, "/eu-west-1/s3/aws4_request") {
		t.Errorf("signed for the wrong region: %s", r.auth)
	}
	noCode(t, "plan", plan)
	noCode(t, "progress steps", progressed)

	// A refused code: the error is typed and does not repeat the code.
	err = sess.Apply(ctx, plan, MFA{Serial: testSerial, Code: wireBadCode}, nil)
	var se *StepError
	if !errors.As(err, &se) || !IsMFARejected(err) || IsMFARequired(err) {
		t.Errorf("bad code: %v (rejected=%v)", err, IsMFARejected(err))
	}
	noCode(t, "error", err)

	// A step that needs no MFA never sends the header, even when a code is given.
	suspend := SetVersioningPlan(stateWith(VersioningEnabled, MFADeleteDisabled, 0), VersioningSuspended, testSerial)
	err = sess.Apply(ctx, suspend, MFA{Serial: testSerial, Code: wireCode}, nil)
	if !IsMFARequired(err) {
		t.Errorf("suspend without MFA step: %v, want the fake's MFA-required refusal (no header sent)", err)
	}
	if last := fake.requests()[len(fake.requests())-1]; last.mfa != "" {
		t.Errorf("x-amz-mfa %q sent on a step that does not need it", last.mfa)
	}
}

func TestMFANeverSentOverHTTP(t *testing.T) {
	sess, fake := wireSession(t, true)
	plan := DeleteVersionsPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), []ObjectVersionRef{{Key: "k", VersionID: "v"}}, testSerial)
	err := sess.Apply(context.Background(), plan, MFA{Serial: testSerial, Code: wireCode}, nil)
	if !errors.Is(err, ErrMFAOverHTTP) || !IsMFAOverHTTP(err) {
		t.Errorf("Apply over HTTP = %v, want ErrMFAOverHTTP", err)
	}
	noCode(t, "error", err)
	if n := len(fake.requests()); n != 0 {
		t.Errorf("%d requests sent over HTTP with an MFA code", n)
	}
}

func TestApplyDeleteVersionsOnTheWire(t *testing.T) {
	sess, fake := wireSession(t)
	ctx := context.Background()
	st := stateWith(VersioningEnabled, MFADeleteEnabled, 0)
	one := DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "reports/q1 final.pdf", VersionID: "v1"}}, testSerial)
	if err := sess.Apply(ctx, one, MFA{Serial: testSerial, Code: wireCode}, nil); err != nil {
		t.Fatal(err)
	}
	r := fake.requests()[0]
	if r.method != http.MethodDelete || r.path != "/acme-records/reports/q1 final.pdf" || !hasQuery(r, "versionId") || queryValue(r, "versionId") != "v1" || r.mfa != testSerial+" "+wireCode {
		t.Errorf("DeleteObject request %+v", r)
	}

	many := DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "a", VersionID: "1", IsDeleteMarker: true}, {Key: "b", VersionID: "2"}}, testSerial)
	err := sess.Apply(ctx, many, MFA{Serial: testSerial, Code: wireCode}, nil)
	var partial *PartialDeleteError
	if !errors.As(err, &partial) {
		t.Fatalf("partial failure = %v, want *PartialDeleteError", err)
	}
	want := DeleteVersionsResult{
		Deleted: []DeletedVersion{{Key: "a", VersionID: "1", DeleteMarker: true, DeleteMarkerVersionID: "1"}},
		Failed:  []DeleteVersionFailure{{Key: "b", VersionID: "2", Code: "NoSuchVersion", Message: "The specified version does not exist."}},
	}
	if fmt.Sprint(partial.Result) != fmt.Sprint(want) || partial.Requested != 2 || partial.Bucket != "acme-records" {
		t.Errorf("result %+v", partial)
	}
	reqs := fake.requests()
	post := reqs[len(reqs)-1]
	if post.method != http.MethodPost || !hasQuery(post, "delete") || post.mfa != testSerial+" "+wireCode ||
		!strings.Contains(post.body, "<Key>a</Key><VersionId>1</VersionId>") || !strings.Contains(post.body, "<Quiet>false</Quiet>") {
		t.Errorf("DeleteObjects request %+v", post)
	}
	if len(reqs) != 2 {
		t.Errorf("%d requests, want one per plan", len(reqs))
	}
}

func TestMFADevicesOnTheWire(t *testing.T) {
	sess, fake := wireSession(t)
	ctx := context.Background()
	dev, err := sess.CreateVirtualMFADevice(ctx, "s3sec-root")
	if err != nil {
		t.Fatal(err)
	}
	if dev.Serial != "arn:aws:iam::111122223333:mfa/s3sec-root" || dev.Seed != wireSeed || string(dev.QRPNG) != "\x89PNG fake" {
		t.Errorf("device serial %s, seed ok %v, QR %q", dev.Serial, dev.Seed == wireSeed, dev.QRPNG)
	}
	if dev.URI != "otpauth://totp/s3sec:s3sec-root@111122223333?secret="+wireSeed+"&issuer=s3sec" {
		t.Errorf("URI = %s", dev.URI)
	}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, dev); strings.Contains(s, wireSeed[:16]) || strings.Contains(s, "PNG fake") || !strings.Contains(s, dev.Serial) {
			t.Errorf("%s of the device: %s", f, s)
		}
	}
	if r := fake.requests()[0]; !strings.Contains(r.auth, "/us-east-1/iam/aws4_request") || !strings.Contains(r.body, "Action=CreateVirtualMFADevice") {
		t.Errorf("IAM request signed %s body %s", r.auth, r.body)
	}

	devices, err := sess.MFADevices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(devices) != 3 || devices[0].Type != MFADeviceVirtual || devices[1].Type != MFADeviceHardware || devices[2].Type != MFADeviceFIDO ||
		devices[2].GivesCodes() || devices[0].EnableDate.Year() != 2026 || devices[0].Serial != testSerial {
		t.Errorf("devices = %+v", devices)
	}

	if err := sess.EnableMFADevice(ctx, "111122223333", dev.Serial, wireCode, "123457"); err != nil {
		t.Errorf("EnableMFADevice: %v", err)
	}
	last := fake.requests()[len(fake.requests())-1]
	form, _ := url.ParseQuery(last.body)
	if form.Get("Action") != "EnableMFADevice" || form.Get("UserName") != "111122223333" || form.Get("SerialNumber") != dev.Serial || form.Get("AuthenticationCode2") != "123457" {
		t.Errorf("EnableMFADevice form %v", form)
	}
	err = sess.EnableMFADevice(ctx, "111122223333", dev.Serial, "111111", "222222")
	if !IsMFARejected(err) || !strings.Contains(ExplainMFAError(err), "consecutive") {
		t.Errorf("wrong codes: %v (%s)", err, ExplainMFAError(err))
	}
	before := len(fake.requests())
	for _, bad := range [][2]string{{"12345", "123456"}, {"123456", "123456"}} {
		if err := sess.EnableMFADevice(ctx, "u", dev.Serial, bad[0], bad[1]); !errors.Is(err, otp.ErrInvalidCode) {
			t.Errorf("codes %v: %v, want a local ErrInvalidCode", bad, err)
		}
	}
	if err := sess.EnableMFADevice(ctx, "u", "arn:aws:iam::1:mfa/x", "123456", "654321"); !errors.Is(err, otp.ErrInvalidSerial) {
		t.Errorf("bad serial: %v", err)
	}
	if len(fake.requests()) != before {
		t.Error("invalid input was sent to IAM")
	}
}

func TestIAMSigningRegion(t *testing.T) {
	for region, want := range map[string]string{"eu-west-1": "us-east-1", "": "us-east-1", "cn-northwest-1": "cn-north-1", "us-gov-east-1": "us-gov-west-1"} {
		if got := iamSigningRegion(region); got != want {
			t.Errorf("iamSigningRegion(%q) = %q, want %q", region, got, want)
		}
	}
}
