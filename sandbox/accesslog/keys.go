package accesslog

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Key formats of TargetObjectKeyFormat (S3-BEHAVIOR 4.3).
const (
	SimplePrefix      = "SimplePrefix"
	PartitionedPrefix = "PartitionedPrefix"
	EventTime         = "EventTime"
	DeliveryTime      = "DeliveryTime"
)

// Destination is where one source bucket's records go: a log object holds
// records of one source only, so the source is part of the destination.
type Destination struct {
	SourceBucket  string
	SourceAccount string
	SourceRegion  string
	TargetBucket  string
	TargetPrefix  string
	KeyFormat     string // "" or SimplePrefix; PartitionedPrefix
	DateSource    string // EventTime ("" means EventTime) or DeliveryTime, for PartitionedPrefix
}

// ObjectKey names a log object delivered at delivered. eventDay is the UTC
// day of the batch's records, used by PartitionedPrefix with EventTime
// (whose time of day is then 00-00-00); unique is the UniqueString.
func (d Destination) ObjectKey(delivered, eventDay time.Time, unique string) string {
	delivered = delivered.UTC()
	if d.KeyFormat != PartitionedPrefix {
		return d.TargetPrefix + delivered.Format("2006-01-02-15-04-05") + "-" + unique
	}
	t := delivered
	if d.DateSource != DeliveryTime {
		y, m, day := eventDay.UTC().Date()
		t = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	}
	return fmt.Sprintf("%s%s/%s/%s/%s/%s", d.TargetPrefix, d.SourceAccount, d.SourceRegion, d.SourceBucket,
		t.Format("2006/01/02"), t.Format("2006-01-02-15-04-05")) + "-" + unique
}

// UniqueString is the random tail of a log object key: 16 upper-case hex
// characters, as in AWS's documented example.
func UniqueString() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}
