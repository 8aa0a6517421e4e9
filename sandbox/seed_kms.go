package sandbox

import "fmt"

// seedKMSKeyIDs fixes the key-id sequence of the demo keys, so the key ARNs
// that seeded objects and bucket settings report are the same on every start.
var seedKMSKeyIDs = [32]byte{'s', '3', 's', 'e', 'c', '-', 'k', 'm', 's'}

// demoKeys are the customer-managed keys of the demo account: the seeded
// buckets name them by alias in their default encryption, so they must exist
// before any bucket or object is seeded.
var demoKeys = []struct{ region, alias, description string }{
	{usEast1, "alias/acme-records", "acme: customer records (demo)"},
	{usEast1, "alias/acme-logs", "acme: server access logs (demo)"},
	{"eu-west-1", "alias/acme-eu", "acme: EU data (demo)"},
}

// kmsKeys creates the demo keys and their aliases.
func (sd *seeder) kmsKeys() {
	for _, k := range demoKeys {
		if sd.err != nil {
			return
		}
		arn := sd.s.kms.CreateKey(k.region, k.description)
		if err := sd.s.kms.CreateAlias(k.region, k.alias, arn); err != nil {
			sd.err = fmt.Errorf("kms alias %s: %w", k.alias, err)
		}
	}
}
