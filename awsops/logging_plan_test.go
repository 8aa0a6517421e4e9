package awsops

import (
	"encoding/json"
	"strings"
	"testing"
)

// logState is a loaded bucket for the what-if tests: SSE-S3, no policy,
// logging to target ("" = off).
func logState(name, region, target string) BucketState {
	s := BucketState{Name: name, Region: region, Encryption: &Encryption{Algorithm: "AES256"}, Policy: &Policy{}, Logging: &Logging{}}
	if target != "" {
		s.Logging = &Logging{Enabled: true, TargetBucket: target, TargetPrefix: name + "/"}
	}
	return s
}

const testAccount = "123456789012"

func TestWhatIfCatchesTheLoopOnlyTheChangeCreates(t *testing.T) {
	// A logs to B; B does not log. Pointing B at A closes the loop.
	states := []BucketState{logState("a", "eu-west-1", "b"), logState("b", "eu-west-1", "")}
	if f := findingsWithID(Analyse(states), "logging-loop"); len(f) != 0 {
		t.Fatalf("no loop yet, got %v", f)
	}
	p, w, err := LoggingPlan(states, "b", testAccount, LoggingChoice{TargetBucket: "a", TargetPrefix: "b/"}, LogTargetProbe{})
	if err != nil {
		t.Fatal(err)
	}
	if LoopChain(w.Loop) != "b → a → b" || !w.NewLoop {
		t.Fatalf("loop %q new=%v", LoopChain(w.Loop), w.NewLoop)
	}
	if !strings.Contains(p.SecondConfirm, "b → a → b") || !strings.Contains(strings.Join(p.Warnings, "\n"), "creates a logging loop: b → a → b") {
		t.Fatalf("the plan does not name the loop: %q %q", p.SecondConfirm, p.Warnings)
	}
	// Pointing B at a bucket that does not log: no loop, no second question.
	states = append(states, logState("c", "eu-west-1", ""))
	p, w, err = LoggingPlan(states, "b", testAccount, LoggingChoice{TargetBucket: "c", TargetPrefix: "b/"}, LogTargetProbe{})
	if err != nil || w.Loop != nil || p.SecondConfirm != "" {
		t.Fatalf("no loop expected: %v %v %q", err, w.Loop, p.SecondConfirm)
	}
}

func TestWhatIfSelfLoggingAndExistingLoop(t *testing.T) {
	states := []BucketState{logState("a", "us-east-1", "")}
	_, w, _ := LoggingPlan(states, "a", testAccount, LoggingChoice{TargetBucket: "a", TargetPrefix: "logs/"}, LogTargetProbe{})
	if LoopChain(w.Loop) != "a → a" || !w.NewLoop || !strings.Contains(w.Warnings[0], "a would log into itself") {
		t.Fatalf("%+v", w)
	}
	// Already looping: re-saving it keeps the loop, still asked twice, not "new".
	states = []BucketState{logState("p", "eu-west-1", "q"), logState("q", "eu-west-1", "p")}
	p, w, _ := LoggingPlan(states, "p", testAccount, LoggingChoice{TargetBucket: "q", TargetPrefix: "p/"}, LogTargetProbe{})
	if w.NewLoop || LoopChain(w.Loop) != "p → q → p" || !strings.Contains(p.SecondConfirm, "keeps the logging loop p → q → p") {
		t.Fatalf("%+v %q", w, p.SecondConfirm)
	}
}

func TestWhatIfTargetProblems(t *testing.T) {
	kms := logState("kms-logs", "us-east-1", "")
	kms.Encryption = &Encryption{Algorithm: "aws:kms"}
	chained := logState("chained", "us-east-1", "final")
	states := []BucketState{logState("src", "us-east-1", ""), kms, logState("far", "eu-west-1", ""), chained, logState("final", "us-east-1", "")}
	cases := []struct {
		target  string
		probe   LogTargetProbe
		want    string
		refused bool
	}{
		{"kms-logs", LogTargetProbe{}, "only to SSE-S3 targets", false},
		{"far", LogTargetProbe{}, "CrossLocationLoggingProhibitted", true},
		{"chained", LogTargetProbe{}, "chained logs in turn (src → chained → final)", false},
		{"final", LogTargetProbe{ObjectLock: true}, "Object Lock", false},
		{"gone", LogTargetProbe{Missing: true}, "does not exist (400 InvalidTargetBucketForLogging)", true},
		{"theirs", LogTargetProbe{Foreign: true}, "same owner", true},
		{"elsewhere", LogTargetProbe{Region: "ap-south-1"}, "CrossLocationLoggingProhibitted", true},
		{"unprobed", LogTargetProbe{}, "not among this account's buckets", false},
	}
	for _, c := range cases {
		p, w, err := LoggingPlan(states, "src", testAccount, LoggingChoice{TargetBucket: c.target, TargetPrefix: "src/"}, c.probe)
		if err != nil {
			t.Fatalf("%s: %v", c.target, err)
		}
		if all := strings.Join(p.Warnings, "\n"); !strings.Contains(all, c.want) {
			t.Errorf("%s: warnings %q lack %q", c.target, all, c.want)
		}
		if (w.Refused != "") != c.refused {
			t.Errorf("%s: refused %q, want refused=%v", c.target, w.Refused, c.refused)
		}
		if c.refused && len(p.Steps) != 1 {
			t.Errorf("%s: a refused change got a policy step too: %+v", c.target, p.Steps)
		}
	}
}

func TestWhatIfSaysWhenALoopCannotBeRuledOut(t *testing.T) {
	unread := logState("unread", "us-east-1", "")
	unread.Logging = nil
	unread.Errors = map[Facet]*FacetError{FacetLogging: {Code: "AccessDenied"}}
	states := []BucketState{logState("src", "us-east-1", ""), unread}
	_, w, _ := LoggingPlan(states, "src", testAccount, LoggingChoice{TargetBucket: "unread", TargetPrefix: "src/"}, LogTargetProbe{})
	if !strings.Contains(strings.Join(w.Warnings, "\n"), "The logging of unread was not read (AccessDenied): whether the chain src → unread loops back") {
		t.Fatalf("%q", w.Warnings)
	}
}

func TestWhatIfDeliveryPermission(t *testing.T) {
	target := logState("logs", "us-east-1", "")
	states := []BucketState{logState("src", "us-east-1", ""), target}
	ch := LoggingChoice{TargetBucket: "logs", TargetPrefix: "src/", KeyFormat: LogKeyPartitionedEventTime}

	p, w, err := LoggingPlan(states, "src", testAccount, ch, LogTargetProbe{})
	if err != nil || !w.GrantMissing || len(p.Steps) != 2 || p.Steps[0].API != "s3:PutBucketPolicy" || p.Steps[1].API != "s3:PutBucketLogging" {
		t.Fatalf("no policy: want the grant step first: %v %+v %+v", err, w, p.Steps)
	}
	if !strings.Contains(p.Steps[1].CLI, `"TargetObjectKeyFormat":{"PartitionedPrefix":{"PartitionDateSource":"EventTime"}}`) {
		t.Fatalf("CLI: %s", p.Steps[1].CLI)
	}
	merged, _ := DeliveryGrantPolicy("", "logs", "src/", "src", testAccount)
	states[1].Policy = &Policy{Present: true, JSON: merged}
	if _, w, _ := LoggingPlan(states, "src", testAccount, ch, LogTargetProbe{}); w.GrantMissing {
		t.Fatalf("the merged grant is not recognised: %+v", w)
	}
	// The grant of another source does not cover this one (aws:SourceArn).
	other, _ := DeliveryGrantPolicy("", "logs", "src/", "other", testAccount)
	states[1].Policy = &Policy{Present: true, JSON: other}
	if _, w, _ := LoggingPlan(states, "src", testAccount, ch, LogTargetProbe{}); !w.GrantMissing {
		t.Fatal("another source's grant was taken for this one's")
	}
	// A Deny for everyone on the objects blocks delivery and is named.
	deny := `{"Version":"2012-10-17","Statement":[{"Sid":"NoWrites","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"}]}`
	withDeny, _ := DeliveryGrantPolicy(deny, "logs", "src/", "src", testAccount)
	states[1].Policy = &Policy{Present: true, JSON: withDeny}
	if _, w, _ := LoggingPlan(states, "src", testAccount, ch, LogTargetProbe{}); !strings.Contains(strings.Join(w.Warnings, "\n"), `denies the logging service (statement "NoWrites")`) {
		t.Fatalf("deny not reported: %q", w.Warnings)
	}
}

func TestDeliveryGrantMergeKeepsStatementsAndIsIdempotent(t *testing.T) {
	start := `{"Version":"2012-10-17","Id":"keep-me","Statement":[` +
		`{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}]}`
	once, err := DeliveryGrantPolicy(start, "logs", "a/", "a", testAccount)
	if err != nil {
		t.Fatal(err)
	}
	twice, _ := DeliveryGrantPolicy(once, "logs", "a/", "a", testAccount)
	if once != twice {
		t.Fatalf("merging twice changed the policy:\n%s\n%s", once, twice)
	}
	both, _ := DeliveryGrantPolicy(once, "logs", "b/", "b", testAccount)
	var doc struct {
		ID        string `json:"Id"`
		Statement []map[string]any
	}
	if err := json.Unmarshal([]byte(both), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "keep-me" || len(doc.Statement) != 4 {
		t.Fatalf("statements lost or Id dropped: %s", both)
	}
	if doc.Statement[0]["Sid"] != "DenyInsecureTransport" || doc.Statement[1]["Sid"] != nil ||
		doc.Statement[2]["Sid"] != "s3sec-AllowLogDelivery-a" || doc.Statement[3]["Sid"] != "s3sec-AllowLogDelivery-b" {
		t.Fatalf("order or Sids: %s", both)
	}
	for _, src := range []string{"a", "b"} {
		if v := logDeliveryVerdict(both, "logs", src+"/", src, testAccount); !v.allowed || v.deniedBy != "" {
			t.Fatalf("%s's delivery not allowed by %s", src, both)
		}
	}
}

func TestTurnOffLoggingPlanNamesTheLoopItEnds(t *testing.T) {
	states := []BucketState{logState("p", "eu-west-1", "q"), logState("q", "eu-west-1", "p")}
	p := TurnOffLoggingPlan(states, "p")
	if len(p.Steps) != 1 || p.Steps[0].CLI != "aws s3api put-bucket-logging --bucket p --bucket-logging-status '{}'" || p.Region != "eu-west-1" {
		t.Fatalf("%+v", p)
	}
	if !strings.Contains(strings.Join(p.Warnings, "\n"), "ends the logging loop p → q → p") {
		t.Fatalf("%q", p.Warnings)
	}
}

func TestLoggingGraphOf(t *testing.T) {
	states := []BucketState{logState("a", "r", "b"), logState("b", "r", "c"), logState("c", "r", "b"), logState("d", "r", "b")}
	g := LoggingGraphOf(states, "a")
	if strings.Join(g.Chain, ",") != "a,b,c" || g.Loop != nil || g.Onward != "b" {
		t.Fatalf("a: %+v", g)
	}
	g = LoggingGraphOf(states, "b")
	if LoopChain(g.Loop) != "b → c → b" || strings.Join(g.Sources, ",") != "a,c,d" {
		t.Fatalf("b: %+v", g)
	}
}

func findingsWithID(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}
