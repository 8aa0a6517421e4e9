package sandbox

import (
	"fmt"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// The demo buckets, one function per story (see DemoBucketNotes).

// secureRecords creates the model bucket and its log target.
func (sd *seeder) secureRecords() {
	const logs, rec = "acme-access-logs", "acme-secure-records"
	sd.bucket(logs, usEast1, sd.ago(400, 0))
	sd.encryption(logs, `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>`+
		`<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/acme-logs</KMSMasterKeyID>`+
		`</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`)
	sd.versioning(logs, "Enabled", "")
	sd.policy(logs, `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",`+
		`"Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::`+logs+`/*",`+
		`"Condition":{"StringEquals":{"aws:SourceAccount":"`+sd.s.opts.AccountID+`"}}}]}`)

	sd.bucket(rec, usEast1, sd.ago(390, 0))
	sd.encryption(rec, `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>`+
		`<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/acme-records</KMSMasterKeyID>`+
		`</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`)
	sd.rootMFADevice(sd.ago(391, 0))
	sd.versioning(rec, "Enabled", "")
	sd.mfaDelete(rec)
	sd.logging(rec, logs, "secure-records/")
	sd.policy(rec, tlsOnlyPolicy(rec))
	sd.cors(rec, `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.acme.example</AllowedOrigin>`+
		`<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><ExposeHeader>ETag</ExposeHeader>`+
		`<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`)

	const pdf = "application/pdf"
	sd.put(rec, "reports/2026-q1.pdf", pdf, "%PDF-1.7\n% ACME quarterly report 2026 Q1, draft 1\n", sd.ago(240, 0))
	sd.put(rec, "reports/2026-q1.pdf", pdf, "%PDF-1.7\n% ACME quarterly report 2026 Q1, draft 2 (figures revised)\n", sd.ago(230, 0))
	sd.put(rec, "reports/2026-q1.pdf", pdf, "%PDF-1.7\n% ACME quarterly report 2026 Q1, final as filed\n", sd.ago(220, 0))
	sd.put(rec, "reports/2026-q2.pdf", pdf, "%PDF-1.7\n% ACME quarterly report 2026 Q2, final\n", sd.ago(130, 0))
	sd.put(rec, "contracts/msa.txt", "text/plain", "Master Services Agreement between ACME Corp and Globex, version 1.\n", sd.ago(300, 0))
	sd.put(rec, "contracts/msa.txt", "text/plain", "Master Services Agreement between ACME Corp and Globex, version 2 (signed).\n", sd.ago(280, 0))
	sd.del(rec, "contracts/msa.txt", sd.ago(20, 0))

	for i, key := range []string{
		"secure-records/2026-11-01-10-15-42-3F1A7C9E2B4D6F80",
		"secure-records/2026-11-01-11-02-07-8C2E4A6B1D3F5079",
		"secure-records/2026-11-02-09-41-55-A4B6C8D0E2F41357",
	} {
		sd.put(logs, key, "text/plain", demoLogRecord(sd.s.opts.AccountID, rec, i), sd.ago(25-i, 0))
	}
}

// demoLogRecord is a server-access-log line in the AWS record format (4.4).
func demoLogRecord(account, bucket string, i int) string {
	owner := canonicalUserID(account)
	ops := []string{
		`REST.GET.OBJECT reports/2026-q1.pdf "GET /` + bucket + `/reports/2026-q1.pdf HTTP/1.1" 200 - 62 62 12 11`,
		`REST.GET.VERSIONING - "GET /` + bucket + `?versioning HTTP/1.1" 200 - 140 - 6 5`,
		`REST.PUT.OBJECT reports/2026-q2.pdf "PUT /` + bucket + `/reports/2026-q2.pdf HTTP/1.1" 200 - - 50 21 9`,
	}
	// The last record came over plain HTTP (no cipher suite, no TLS
	// version) from an old export job: the requester a TLS-only policy
	// would break, for the Transit pane's "who would break".
	user, agent, cipher, tls := "admin", "aws-cli/2.31.0", "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.3"
	if i == 2 {
		user, agent, cipher, tls = "nightly-export", "Boto3/1.9.0", "-", "-"
	}
	return fmt.Sprintf("%s %s [01/Nov/2026:10:15:4%d +0000] 10.0.3.17 arn:aws:iam::%s:user/%s 3E57427F3EXAMPL%d %s "+
		`"-" "%s" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 `+
		"%s AuthHeader %s.s3.us-east-1.amazonaws.com %s - - us-east-1\n",
		owner, bucket, i, account, user, i, ops[i], agent, cipher, bucket, tls)
}

// selfLog creates the bucket that logs into itself.
func (sd *seeder) selfLog() {
	const name = "acme-selflog"
	sd.bucket(name, usEast1, sd.ago(200, 0))
	sd.logging(name, name, "logs/")
	sd.policy(name, logDeliveryPolicy(name, "logs/", name, sd.s.opts.AccountID))
	sd.put(name, "index.html", "text/html", "<!doctype html><title>ACME self-logging demo</title>\n", sd.ago(199, 0))
	sd.put(name, "logs/2026-11-01-00-00-00-0123456789ABCDEF", "text/plain",
		demoLogRecord(sd.s.opts.AccountID, name, 0), sd.ago(25, 0))
}

// pingPong creates two eu-west-1 buckets that log into each other.
func (sd *seeder) pingPong() {
	const ping, pong = "acme-ping", "acme-pong"
	sd.bucket(ping, "eu-west-1", sd.ago(150, 0))
	sd.bucket(pong, "eu-west-1", sd.ago(150, 1))
	sd.versioning(ping, "Enabled", "")
	sd.logging(ping, pong, "from-ping/")
	sd.logging(pong, ping, "from-pong/")
	sd.policy(pong, logDeliveryPolicy(pong, "from-ping/", ping, sd.s.opts.AccountID))
	sd.policy(ping, logDeliveryPolicy(ping, "from-pong/", pong, sd.s.opts.AccountID))
	sd.put(ping, "hello.txt", "text/plain", "ping\n", sd.ago(149, 0))
	sd.put(pong, "hello.txt", "text/plain", "pong\n", sd.ago(149, 0))
}

// logDeliveryPolicy is the bucket policy AWS recommends (and its console
// adds when logging is enabled there) so the logging service may write a
// source bucket's logs under prefix: without it logs are not delivered.
func logDeliveryPolicy(target, prefix, source, account string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",` +
		`"Principal":{"Service":"` + loggingService + `"},"Action":"s3:PutObject",` +
		`"Resource":"arn:aws:s3:::` + target + `/` + prefix + `*",` +
		`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::` + source + `"},` +
		`"StringEquals":{"aws:SourceAccount":"` + account + `"}}}]}`
}

// publicAssets creates the bucket with a wide-open CORS configuration.
func (sd *seeder) publicAssets() {
	const name = "acme-public-assets"
	sd.bucket(name, usEast1, sd.ago(365, 0))
	sd.cors(name, `<CORSConfiguration>`+
		`<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>`+
		`<AllowedHeader>*</AllowedHeader></CORSRule>`+
		`<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod></CORSRule>`+
		`</CORSConfiguration>`)
	sd.put(name, "css/site.css", "text/css", "body { font-family: sans-serif; color: #1a1a2e; }\n", sd.ago(60, 0))
	sd.put(name, "img/logo.png", "image/png", demoPNG, sd.ago(60, 0))
}

// demoPNG is a 1x1 transparent PNG.
const demoPNG = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"

// suspended creates the bucket whose versioning was suspended after use.
func (sd *seeder) suspended() {
	const name = "acme-suspended"
	sd.bucket(name, "eu-west-1", sd.ago(180, 0))
	sd.versioning(name, "Enabled", "")
	sd.put(name, "config.json", "application/json", `{"release":"1.0"}`+"\n", sd.ago(170, 0))
	sd.put(name, "config.json", "application/json", `{"release":"1.1"}`+"\n", sd.ago(160, 0))
	sd.versioning(name, "Suspended", "")
	sd.put(name, "config.json", "application/json", `{"release":"1.2"}`+"\n", sd.ago(90, 0))
}

// scratch creates the unprotected scratch bucket.
func (sd *seeder) scratch() {
	const name = "acme-scratch"
	sd.bucket(name, "eu-west-1", sd.ago(30, 0))
	sd.apply(name, "delete public access block, enable ACLs", func(b *bucket) *s3Error {
		b.config.pab = nil
		b.ObjectOwnership = "ObjectWriter" // ACLs enabled, as on a bucket set up the old way
		return nil
	})
	sd.put(name, "notes.txt", "text/plain", "remember to clean this bucket up\n", sd.ago(29, 0))
	sd.put(name, "tmp/upload-test.bin", "application/octet-stream", "\x00\x01\x02\x03scratch", sd.ago(28, 0))
}

// lifecycleArchive creates the versioned bucket with lifecycle rules.
func (sd *seeder) lifecycleArchive() {
	const name = "acme-lifecycle-archive"
	sd.bucket(name, "eu-west-1", sd.ago(500, 0))
	sd.versioning(name, "Enabled", "")
	sd.apply(name, "lifecycle", func(b *bucket) *s3Error {
		lc, e := bucketconfig.ParseLifecycle([]byte(`<LifecycleConfiguration>` +
			`<Rule><ID>archive-to-glacier</ID><Filter><Prefix>archive/</Prefix></Filter><Status>Enabled</Status>` +
			`<Transition><Days>90</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>` +
			`<Rule><ID>expire-noncurrent-versions</ID><Filter></Filter><Status>Enabled</Status>` +
			`<NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays></NoncurrentVersionExpiration></Rule>` +
			`</LifecycleConfiguration>`))
		if e == nil {
			b.config.lifecycle = &lc
		}
		return check(e)
	})
	sd.policy(name, tlsOnlyPolicy(name))
	sd.put(name, "archive/2025-annual.csv", "text/csv", "quarter,revenue\nQ1,100\nQ2,120\nQ3,130\nQ4,150\n", sd.ago(300, 0))
}
