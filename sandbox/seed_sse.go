package sandbox

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
)

// DemoSSECKey is the customer key of the demo's SSE-C object
// (acme-ssec-vault/vault/launch-plan.txt): the 32 bytes of
// sha256("s3sec demo SSE-C key"). It is public on purpose — a demo key,
// never one to protect anything with. With the aws CLI:
//
//	printf 's3sec demo SSE-C key' | openssl dgst -sha256 -binary > demo.key
//	aws s3 cp s3://acme-ssec-vault/vault/launch-plan.txt - --sse-c AES256 --sse-c-key fileb://demo.key
var DemoSSECKey = demoSSECKey()

// demoSSECKey derives DemoSSECKey.
func demoSSECKey() []byte {
	sum := sha256.Sum256([]byte("s3sec demo SSE-C key"))
	return sum[:]
}

// demoCustomerKey is DemoSSECKey as a request would carry it.
func demoCustomerKey() *customerKey {
	sum := md5.Sum(DemoSSECKey)
	return &customerKey{Key: append([]byte(nil), DemoSSECKey...), MD5: base64.StdEncoding.EncodeToString(sum[:])}
}

// encryptionModes adds objects written with explicit SSE headers, so that
// together with the bucket defaults every mode is on show: DSSE-KMS in the
// model bucket, and SSE-KMS with and without a bucket key in the SSE-S3
// scratch bucket (the request overriding the default).
func (sd *seeder) encryptionModes() {
	sd.putWith("acme-secure-records", "legal/board-minutes-2026-10.txt", "text/plain",
		"Board minutes, October 2026: approved the records retention policy.\n", sd.ago(40, 0),
		sseRequest{Algorithm: algDSSE, KMSKeyID: "alias/acme-records"})
	noBucketKey, bucketKey := false, true
	sd.putWith("acme-scratch", "exports/customers-eu.csv", "text/csv",
		"id,country\n1,IE\n2,FR\n", sd.ago(27, 0),
		sseRequest{Algorithm: algKMS, KMSKeyID: "alias/acme-eu", BucketKey: &noBucketKey})
	sd.putWith("acme-scratch", "exports/orders-eu.csv", "text/csv",
		"order,total\nA-1,120.00\nA-2,75.50\n", sd.ago(27, 0),
		sseRequest{Algorithm: algKMS, KMSKeyID: "alias/acme-eu", BucketKey: &bucketKey})
}

// ssecVault creates the one bucket that allows SSE-C (BlockedEncryptionTypes
// NONE), versioned, default SSE-S3, holding an SSE-S3 readme and an SSE-C
// object under DemoSSECKey.
func (sd *seeder) ssecVault() {
	const name = "acme-ssec-vault"
	sd.bucket(name, "eu-west-1", sd.ago(60, 0))
	sd.encryption(name, `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>`+
		`<SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled>`+
		`<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>`)
	sd.versioning(name, "Enabled", "")
	sd.put(name, "README.txt", "text/plain", "Objects under vault/ are SSE-C. The demo key is the SHA-256 of the text \"s3sec demo SSE-C key\" (README.md, Demo buckets).\n", sd.ago(59, 0))
	sd.putWith(name, "vault/launch-plan.txt", "text/plain",
		"Project Falcon launch plan: T-minus 30 days. Eyes only.\n", sd.ago(58, 0),
		sseRequest{Customer: demoCustomerKey()})
}
