package awsops

import (
	"reflect"
	"testing"
	"time"
)

func TestLogListingPerKeyFormat(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 5, 0, time.FixedZone("x", 3600))
	simple := listingOf(AccessLogTarget{SourceBucket: "src", TargetBucket: "logs", TargetPrefix: "a.b/", KeyFormat: LogKeySimple})
	part := listingOf(AccessLogTarget{SourceBucket: "src", SourceAccount: "111122223333", SourceRegion: "eu-west-1",
		TargetBucket: "logs", TargetPrefix: "p/", KeyFormat: LogKeyPartitionedDeliveryTime})
	wide := listingOf(AccessLogTarget{SourceBucket: "src", TargetBucket: "logs", TargetPrefix: "p/", KeyFormat: LogKeyPartitionedDeliveryTime})
	cases := []struct {
		l    logListing
		key  string
		want bool
	}{
		{simple, "a.b/2026-11-20-09-30-05-ABCDEF0123456789", true},
		{simple, "a.b/2013-11-01-21-32-16-E568B2907131C0C0", true},
		{simple, "aXb/2026-11-20-09-30-05-ABCDEF0123456789", false}, // the dot is literal
		{simple, "a.b/other/2026-11-20-09-30-05-ABCDEF0123456789", false},
		{simple, "a.b/index.html", false},
		{part, "p/111122223333/eu-west-1/src/2026/11/20/2026-11-20-00-00-00-ABCDEF0123456789", true},
		{part, "p/111122223333/eu-west-1/other/2026/11/20/2026-11-20-00-00-00-ABCDEF0123456789", false},
		{wide, "p/999988887777/us-east-1/src/2026/11/20/2026-11-20-09-30-05-ABCDEF0123456789", true},
		{wide, "p/999988887777/us-east-1/srcx/2026/11/20/2026-11-20-09-30-05-ABCDEF0123456789", false},
	}
	for _, c := range cases {
		if got := c.l.match.MatchString(c.key); got != c.want {
			t.Errorf("%s matches %s: %v, want %v", c.l.match, c.key, got, c.want)
		}
	}
	if simple.prefix != "a.b/" || part.prefix != "p/111122223333/eu-west-1/src/" || wide.prefix != "p/" || wide.startAt != nil {
		t.Errorf("prefixes %q %q %q", simple.prefix, part.prefix, wide.prefix)
	}
	// StartAfter: the key of an object delivered at that second sorts after it; a partitioned
	// listing starts after the whole previous day (keys name the day of their records).
	if got := simple.startAt(at); got != "a.b/2026-11-20-08-30-05" || !("a.b/2026-11-20-08-30-05-0" > got) {
		t.Errorf("simple start %q", got)
	}
	if got := part.startAt(at); got != "p/111122223333/eu-west-1/src/2026/11/19/~" ||
		!("p/111122223333/eu-west-1/src/2026/11/20/2026-11-20-00-00-00-A" > got) || "p/111122223333/eu-west-1/src/2026/11/19/2026-11-19-23-59-59-A" > got {
		t.Errorf("partitioned start %q", got)
	}
}

func TestChooseLogObjectsNewestWithinBounds(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	objs := []logObject{
		{key: "a", size: 100, modified: t0},
		{key: "c", size: 600, modified: t0.Add(2 * time.Minute)},
		{key: "b", size: 300, modified: t0.Add(time.Minute)},
		{key: "d", size: 50, modified: t0.Add(2 * time.Minute)}, // same time as c: the later key first
	}
	keys := func(os []logObject) []string {
		var out []string
		for _, o := range os {
			out = append(out, o.key)
		}
		return out
	}
	chosen, limits := chooseLogObjects(append([]logObject(nil), objs...), LogQuery{MaxObjects: 10, MaxBytes: 700})
	if !reflect.DeepEqual(keys(chosen), []string{"d", "c"}) || len(limits) != 1 || limits[0] != "read the newest 2 of 4 log objects (700 bytes at most)" {
		t.Errorf("bytes bound: %v %q", keys(chosen), limits)
	}
	chosen, limits = chooseLogObjects(append([]logObject(nil), objs...), LogQuery{MaxObjects: 3, MaxBytes: 1 << 20})
	if !reflect.DeepEqual(keys(chosen), []string{"d", "c", "b"}) || len(limits) != 1 || limits[0] != "read the newest 3 of 4 log objects" {
		t.Errorf("objects bound: %v %q", keys(chosen), limits)
	}
	// The newest object alone is read even when larger than the bound (in part).
	chosen, _ = chooseLogObjects([]logObject{{key: "big", size: 5000, modified: t0}}, LogQuery{MaxObjects: 3, MaxBytes: 100})
	if !reflect.DeepEqual(keys(chosen), []string{"big"}) {
		t.Errorf("a big newest object: %v", keys(chosen))
	}
}
