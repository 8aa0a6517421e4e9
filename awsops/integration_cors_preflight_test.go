package awsops_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// preflightRules are the rules of the "cors-web" bucket in the preflight
// tests: one exact origin that may upload (headers, ETag exposed), and a
// wildcard subdomain that may only read.
var preflightRules = []awsops.CORSRule{
	{ID: "uploads", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"PUT", "GET"},
		AllowedHeaders: []string{"Content-Type", "x-amz-*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: aws.Int32(600)},
	{AllowedOrigins: []string{"https://*.example.org"}, AllowedMethods: []string{"GET"}},
}

// preflightStage creates "cors-web" with preflightRules (through the same
// plan the console applies) and "cors-plain" without CORS, and returns a
// session on env.
func preflightStage(t *testing.T, env endpointEnv) *awsops.Session {
	t.Helper()
	st := stage{t: t, env: env, ctx: context.Background()}
	for _, b := range []string{"cors-web", "cors-plain"} {
		st.create(suiteBucket{b, "us-east-1"})
	}
	sess := env.open(t)
	p, err := awsops.PutCORSPlan("cors-web", "us-east-1", preflightRules)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatalf("%s: applying the CORS plan: %v", env.name, err)
	}
	return sess
}

// preflightCase is one preflight and what S3 answers to it.
type preflightCase struct {
	name, bucket, key string
	req               awsops.CORSRequest
	allowed           bool
	rule              int // the local evaluation's matching rule, -1 none
}

var preflightCases = []preflightCase{
	{"allowed with headers", "cors-web", "photos/a b+c.jpg",
		awsops.CORSRequest{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"Content-Type", "X-Amz-Date"}}, true, 0},
	{"wildcard subdomain", "cors-web", "",
		awsops.CORSRequest{Origin: "https://shop.example.org", Method: "GET"}, true, 1},
	{"origin refused", "cors-web", "k",
		awsops.CORSRequest{Origin: "https://evil.test", Method: "GET"}, false, -1},
	{"method refused", "cors-web", "k",
		awsops.CORSRequest{Origin: "https://shop.example.org", Method: "PUT"}, false, -1},
	{"header refused", "cors-web", "k",
		awsops.CORSRequest{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"Authorization"}}, false, -1},
	{"no configuration", "cors-plain", "k",
		awsops.CORSRequest{Origin: "https://app.example.com", Method: "GET"}, false, -1},
}

func TestCheckPreflightSandbox(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	sess := preflightStage(t, env)
	for _, tc := range preflightCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := sess.CheckPreflight(context.Background(), tc.bucket, "us-east-1", tc.key, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Compared() || !c.Agrees() {
				t.Errorf("the sandbox must answer as S3 does; rules error %v, differences:\n%s", c.RulesErr, strings.Join(c.Differences, "\n"))
			}
			if c.Allowed() != tc.allowed || c.Local.Allowed != tc.allowed || c.Local.Rule != tc.rule {
				t.Errorf("allowed: endpoint %v, local %v (rule %d); want %v (rule %d); answer %+v", c.Allowed(), c.Local.Allowed, c.Local.Rule, tc.allowed, tc.rule, c.Endpoint)
			}
			if !tc.allowed && (c.Endpoint.Status != 403 || c.Endpoint.Code != "AccessForbidden") {
				t.Errorf("refusal answered %d %q, want 403 AccessForbidden", c.Endpoint.Status, c.Endpoint.Code)
			}
			if !strings.HasPrefix(c.Endpoint.URL, env.url+"/"+tc.bucket) {
				t.Errorf("sent to %s, want path-style under %s/%s", c.Endpoint.URL, env.url, tc.bucket)
			}
		})
	}
	t.Run("answer headers", func(t *testing.T) {
		c, err := sess.CheckPreflight(context.Background(), "cors-web", "us-east-1", "k", preflightCases[0].req)
		if err != nil {
			t.Fatal(err)
		}
		want := []awsops.CORSHeader{
			{Name: "Access-Control-Allow-Origin", Value: "https://app.example.com"},
			{Name: "Access-Control-Allow-Credentials", Value: "true"},
			{Name: "Access-Control-Allow-Methods", Value: "PUT, GET"},
			{Name: "Access-Control-Allow-Headers", Value: "content-type, x-amz-date"},
			{Name: "Access-Control-Expose-Headers", Value: "ETag"},
			{Name: "Access-Control-Max-Age", Value: "600"},
			{Name: "Vary", Value: awsops.CORSVary},
		}
		if !slices.Equal(c.Endpoint.Headers, want) {
			t.Errorf("headers = %+v, want %+v", c.Endpoint.Headers, want)
		}
	})
	t.Run("no origin", func(t *testing.T) {
		c, err := sess.CheckPreflight(context.Background(), "cors-web", "us-east-1", "k", awsops.CORSRequest{Method: "GET"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Endpoint.Status != 400 || c.Endpoint.Code != "BadRequest" || !c.Agrees() || c.Allowed() {
			t.Errorf("no Origin: %+v, differences %v; want 400 BadRequest as S3", c.Endpoint, c.Differences)
		}
	})
}

// TestPreflightDisagreementSandbox evaluates locally with rules other than
// the bucket's, as if the endpoint ignored them: each way the answer then
// differs must be named.
func TestPreflightDisagreementSandbox(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	sess := preflightStage(t, env)
	ctx := context.Background()
	evil := awsops.CORSRequest{Origin: "https://evil.test", Method: "GET"}
	ans, err := sess.SendPreflight(ctx, "cors-web", "us-east-1", "k", evil)
	if err != nil {
		t.Fatal(err)
	}
	open := []awsops.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}}
	local, diffs := awsops.ComparePreflight(open, evil, ans)
	want := []string{
		"status: endpoint 403, S3 would answer 200",
		"error code: endpoint AccessForbidden, S3 would answer (none)",
		`Access-Control-Allow-Origin: endpoint sent none, S3 would send "*"`,
		`Access-Control-Allow-Methods: endpoint sent none, S3 would send "GET"`,
		`Vary: endpoint sent none, S3 would send "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"`,
	}
	if !local.Allowed || !slices.Equal(diffs, want) {
		t.Errorf("local %+v, differences:\n%s\nwant:\n%s", local, strings.Join(diffs, "\n"), strings.Join(want, "\n"))
	}
	// The other way round: the bucket allows, the local rules have no configuration.
	ok := preflightCases[0].req
	ans, err = sess.SendPreflight(ctx, "cors-web", "us-east-1", "k", ok)
	if err != nil {
		t.Fatal(err)
	}
	_, diffs = awsops.ComparePreflight(nil, ok, ans)
	if len(diffs) < 2 || diffs[0] != "status: endpoint 200, S3 would answer 403" ||
		diffs[1] != "error code: endpoint (none), S3 would answer AccessForbidden" {
		t.Errorf("differences with no local rules:\n%s", strings.Join(diffs, "\n"))
	}
	for _, d := range diffs[2:] {
		if !strings.HasPrefix(d, "Access-Control-") || !strings.Contains(d, "S3 would send none") {
			t.Errorf("unexpected difference %q", d)
		}
	}
}

// TestCheckPreflightMoto sends the same preflights to moto_server and names
// each way its answers differ from S3's (S3-BEHAVIOR.md 5.2): the tester's
// disagreement flag is exactly what a user pointing s3sec at moto sees.
func TestCheckPreflightMoto(t *testing.T) {
	env := motoEnv(t)
	// moto_server is shared by the tests of this binary; no other test uses
	// the cors-web and cors-plain buckets.
	sess := preflightStage(t, env)
	// moto's deviations (moto 5.x):
	//   every-rule: moto applies every rule, not the first that matches, and
	//     refuses when one rule's origins lack the origin, so with two rules
	//     of different origins it refuses every preflight;
	//   flask-cors: moto_server's own CORS layer adds Access-Control-Allow-Origin
	//     (the origin), Access-Control-Allow-Methods (every method) and
	//     Vary: Origin to answers, refusals included;
	//   leaked: headers moto set from a rule before refusing stay on the 403;
	//   rule-headers: moto answers the rule's AllowedHeaders, not the requested
	//     names, and never sends Allow-Credentials or S3's Vary;
	//   no-checks: 200 without a configuration.
	moto := map[string][]string{}
	for _, tc := range preflightCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := sess.CheckPreflight(context.Background(), tc.bucket, "us-east-1", tc.key, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if c.Local.Allowed != tc.allowed {
				t.Errorf("local verdict %v, want %v", c.Local.Allowed, tc.allowed)
			}
			moto[tc.name] = c.Differences
			t.Logf("moto differs from S3:\n  %s", strings.Join(c.Differences, "\n  "))
		})
	}
	// Every difference, named by the deviation that causes it.
	const refused200 = "status: endpoint 403, S3 would answer 200"
	const codeOn200 = "error code: endpoint AccessForbidden, S3 would answer (none)"
	const flaskMethods = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
	const noneSent = ", S3 would send none"
	expect := map[string][]string{
		"allowed with headers": { // every-rule, leaked (rule 1's), rule-headers
			refused200, codeOn200,
			`Access-Control-Allow-Credentials: endpoint sent none, S3 would send "true"`,
			`Access-Control-Allow-Methods: endpoint sent "GET", S3 would send "PUT, GET"`,
			`Access-Control-Allow-Headers: endpoint sent "Content-Type, x-amz-*", S3 would send "content-type, x-amz-date"`,
			`Vary: endpoint sent none, S3 would send "` + awsops.CORSVary + `"`},
		"wildcard subdomain": { // every-rule, flask-cors (its methods follow the leaked rule's)
			refused200, codeOn200,
			`Access-Control-Allow-Credentials: endpoint sent none, S3 would send "true"`,
			`Access-Control-Allow-Methods: endpoint sent "PUT, GET, ` + flaskMethods + `", S3 would send "GET"`,
			`Vary: endpoint sent "Origin", S3 would send "` + awsops.CORSVary + `"`},
		"origin refused": { // flask-cors
			`Access-Control-Allow-Origin: endpoint sent "https://evil.test"` + noneSent,
			`Access-Control-Allow-Methods: endpoint sent "PUT, GET, ` + flaskMethods + `"` + noneSent},
		"method refused": { // flask-cors
			`Access-Control-Allow-Origin: endpoint sent "https://shop.example.org"` + noneSent,
			`Access-Control-Allow-Methods: endpoint sent "PUT, GET, ` + flaskMethods + `"` + noneSent},
		"header refused": { // leaked
			`Access-Control-Allow-Origin: endpoint sent "https://app.example.com"` + noneSent,
			`Access-Control-Allow-Methods: endpoint sent "GET"` + noneSent,
			`Access-Control-Allow-Headers: endpoint sent "Content-Type, x-amz-*"` + noneSent,
			`Access-Control-Expose-Headers: endpoint sent "ETag"` + noneSent,
			`Access-Control-Max-Age: endpoint sent "600"` + noneSent},
		"no configuration": { // no-checks, flask-cors
			"status: endpoint 200, S3 would answer 403",
			"error code: endpoint (none), S3 would answer AccessForbidden",
			`Access-Control-Allow-Origin: endpoint sent "https://app.example.com"` + noneSent,
			`Access-Control-Allow-Methods: endpoint sent "` + flaskMethods + `"` + noneSent},
	}
	for name, want := range expect {
		if !slices.Equal(moto[name], want) {
			t.Errorf("%s: differences moto vs S3:\n got  %q\n want %q", name, moto[name], want)
		}
	}
}

// TestCheckPreflightRulesDenied: a caller who may not read the rules still
// gets the endpoint's answer (preflights need no permission), marked as not
// compared rather than as a disagreement.
func TestCheckPreflightRulesDenied(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{Seed: true, AdminDeniedActions: []string{"s3:GetBucketCORS"}})
	admin := srv.Admin()
	env.keyID, env.secret = admin.AccessKeyID, admin.SecretAccessKey
	sess := env.open(t)
	c, err := sess.CheckPreflight(context.Background(), "acme-public-assets", "us-east-1", "", awsops.CORSRequest{Origin: "https://a.test", Method: "GET"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Compared() || c.Agrees() || len(c.Differences) > 0 || !strings.Contains(c.RulesErr.Error(), "AccessDenied") {
		t.Errorf("rules error %v, compared %v, differences %v; want AccessDenied and nothing compared", c.RulesErr, c.Compared(), c.Differences)
	}
	if !c.Allowed() || c.Endpoint.Status != 200 {
		t.Errorf("the endpoint's answer %+v, want the wildcard rule's 200", c.Endpoint)
	}
}
