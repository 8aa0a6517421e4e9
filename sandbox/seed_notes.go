package sandbox

// DemoBuckets are the buckets Options.Seed creates, in creation order.
var DemoBuckets = []string{
	"acme-secure-records",
	"acme-access-logs",
	"acme-selflog",
	"acme-ping",
	"acme-pong",
	"acme-public-assets",
	"acme-suspended",
	"acme-scratch",
	"acme-lifecycle-archive",
	"acme-ssec-vault",
}

// DemoBucketNotes describes each demo bucket in one line (for the README and tests).
var DemoBucketNotes = map[string]string{
	"acme-secure-records":    "us-east-1 model bucket: SSE-KMS alias/acme-records with bucket key, versioning + MFA Delete, logs to acme-access-logs, TLS-only policy, narrow CORS",
	"acme-access-logs":       "us-east-1 log target: SSE-KMS alias/acme-logs (no bucket key), versioned, policy lets logging.s3.amazonaws.com write, yet its SSE-KMS default encryption makes AWS deliver nothing: new logs of acme-secure-records fail (see Server.LogDeliveryFailures) until it is switched to SSE-S3",
	"acme-selflog":           "us-east-1 bucket that logs into itself (prefix logs/), with the policy that lets the logging service write there: a logging loop that grows by a log object per delivery; never versioned",
	"acme-ping":              "eu-west-1, versioned, logs to acme-pong (from-ping/) while acme-pong logs back: a two-bucket loop; each lets the logging service write the other's logs",
	"acme-pong":              "eu-west-1, never versioned, logs to acme-ping (from-pong/)",
	"acme-public-assets":     "us-east-1 static assets with a wide-open CORS: any origin may GET/HEAD and even PUT/POST",
	"acme-suspended":         "eu-west-1, versioning Suspended after Enabled: an object with two real versions and a null version",
	"acme-scratch":           "eu-west-1 scratch space: never versioned, no policy, default SSE-S3, public access block removed, ACLs enabled (ObjectWriter)",
	"acme-lifecycle-archive": "eu-west-1, versioned, lifecycle (GLACIER after 90 days on archive/, noncurrent expiry 30 days), TLS-only policy",
	"acme-ssec-vault":        "eu-west-1, versioned, default SSE-S3 with SSE-C allowed (BlockedEncryptionTypes NONE); vault/launch-plan.txt is SSE-C under sandbox.DemoSSECKey",
}
