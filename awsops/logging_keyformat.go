package awsops

import "github.com/aws/aws-sdk-go-v2/service/s3/types"

// LogKeyFormat is how S3 names the log objects it delivers (S3-BEHAVIOR 4.3).
type LogKeyFormat string

// The key formats. SimplePrefix is also what applies when the
// configuration names none.
const (
	LogKeySimple                  LogKeyFormat = "SimplePrefix"
	LogKeyPartitionedEventTime    LogKeyFormat = "PartitionedPrefix/EventTime"
	LogKeyPartitionedDeliveryTime LogKeyFormat = "PartitionedPrefix/DeliveryTime"
)

// LogKeyFormats lists the key formats in the order a form offers them.
var LogKeyFormats = []LogKeyFormat{LogKeySimple, LogKeyPartitionedEventTime, LogKeyPartitionedDeliveryTime}

// Describe says in words what keys the format gives, for a form or a pane.
func (f LogKeyFormat) Describe() string {
	switch f {
	case LogKeySimple, "":
		return "SimplePrefix: prefix + delivery time, e.g. logs/2026-11-01-21-32-16-E568B2907131C0C0"
	case LogKeyPartitionedEventTime:
		return "PartitionedPrefix, EventTime: prefix + account/region/bucket/yyyy/mm/dd/, one day of events per object"
	case LogKeyPartitionedDeliveryTime:
		return "PartitionedPrefix, DeliveryTime: prefix + account/region/bucket/yyyy/mm/dd/ of the delivery"
	}
	return string(f)
}

// keyFormatOf reads GetBucketLogging's TargetObjectKeyFormat; "" when absent.
func keyFormatOf(k *types.TargetObjectKeyFormat) LogKeyFormat {
	switch {
	case k == nil:
		return ""
	case k.PartitionedPrefix != nil && k.PartitionedPrefix.PartitionDateSource == types.PartitionDateSourceDeliveryTime:
		return LogKeyPartitionedDeliveryTime
	case k.PartitionedPrefix != nil:
		return LogKeyPartitionedEventTime // EventTime is the default date source
	case k.SimplePrefix != nil:
		return LogKeySimple
	}
	return ""
}

// sdkKeyFormat is the format as PutBucketLogging sends it; nil for "",
// which leaves the element out (SimplePrefix applies).
func sdkKeyFormat(f LogKeyFormat) *types.TargetObjectKeyFormat {
	switch f {
	case LogKeySimple:
		return &types.TargetObjectKeyFormat{SimplePrefix: &types.SimplePrefix{}}
	case LogKeyPartitionedEventTime:
		return &types.TargetObjectKeyFormat{PartitionedPrefix: &types.PartitionedPrefix{PartitionDateSource: types.PartitionDateSourceEventTime}}
	case LogKeyPartitionedDeliveryTime:
		return &types.TargetObjectKeyFormat{PartitionedPrefix: &types.PartitionedPrefix{PartitionDateSource: types.PartitionDateSourceDeliveryTime}}
	}
	return nil
}

// cliKeyFormat is the format as the aws CLI's JSON spells it; "" for none.
func cliKeyFormat(f LogKeyFormat) string {
	switch f {
	case LogKeySimple:
		return `"TargetObjectKeyFormat":{"SimplePrefix":{}}`
	case LogKeyPartitionedEventTime:
		return `"TargetObjectKeyFormat":{"PartitionedPrefix":{"PartitionDateSource":"EventTime"}}`
	case LogKeyPartitionedDeliveryTime:
		return `"TargetObjectKeyFormat":{"PartitionedPrefix":{"PartitionDateSource":"DeliveryTime"}}`
	}
	return ""
}

// validKeyFormat reports whether f is one of the formats (or "").
func validKeyFormat(f LogKeyFormat) bool {
	return f == "" || f == LogKeySimple || f == LogKeyPartitionedEventTime || f == LogKeyPartitionedDeliveryTime
}
