package views

import (
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
)

// kmsKeyOptions lists a region's KMS keys for a huh select: customer keys
// by alias (unusable ones marked with their state), then the AWS-managed
// aws/s3 key ("") and a typed key (otherKey). The current key stays
// selectable even when it is not listed; *current is rewritten to the
// option's value when it names a listed key by id or ARN.
func kmsKeyOptions(keys []awsops.KMSKey, current *string) []huh.Option[string] {
	var opts []huh.Option[string]
	found := *current == "" || *current == otherKey
	for _, k := range keys {
		if k.Manager == "AWS" {
			continue // aws/s3 has its own option below
		}
		value := k.Label()
		label := value
		if len(k.Aliases) > 0 {
			label += "  " + shortKMSKey(k.ID)
		}
		if !k.UsableForS3() {
			label += "  (" + k.State + ")"
		}
		if *current == value || *current == k.ID || *current == k.ARN {
			found = true
			*current = value
		}
		opts = append(opts, huh.NewOption(label, value))
	}
	if !found {
		opts = append(opts, huh.NewOption(*current+"  (current)", *current))
	}
	return append(opts,
		huh.NewOption("aws/s3  (AWS-managed key)", ""),
		huh.NewOption("Other: type a key id, ARN or alias…", otherKey),
	)
}

// formStep names the question a form shows now (its field's key), for
// the breadcrumb; notes, which have no key, are "note".
func formStep(f *huh.Form) string {
	if f == nil {
		return ""
	}
	if fld := f.GetFocusedField(); fld != nil && fld.GetKey() != "" {
		return fld.GetKey()
	}
	return "note"
}
