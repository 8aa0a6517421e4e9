package bucketconfig

import (
	"bytes"
	"reflect"
	"testing"
)

// The fuzz targets check two things: parsers never panic, and whatever a
// parser accepts survives its own serialiser unchanged. The seeds run as
// ordinary tests; `go test -fuzz` explores from them.

func FuzzParseEncryption(f *testing.F) {
	f.Add(DefaultEncryption().XML())
	f.Add([]byte(ns("ServerSideEncryptionConfiguration", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/x</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>1</BucketKeyEnabled></Rule>`)))
	f.Add([]byte(ns("ServerSideEncryptionConfiguration", `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>`)))
	f.Add([]byte(`<ServerSideEncryptionConfiguration><Rule><BlockedEncryptionTypes/></Rule></ServerSideEncryptionConfiguration>`))
	f.Add([]byte(`<ServerSideEncryptionConfiguration>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := ParseEncryption(body)
		if err != nil {
			return
		}
		again, err := ParseEncryption(r.XML())
		if err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("round trip of %q: %+v, %v", body, again, err)
		}
	})
}

func FuzzParseVersioning(f *testing.F) {
	f.Add([]byte(ns("VersioningConfiguration", `<Status>Enabled</Status><MfaDelete>Disabled</MfaDelete>`)))
	f.Add([]byte(`<VersioningConfiguration/>`))
	f.Add([]byte(`<VersioningConfiguration><Status>Disabled</Status></VersioningConfiguration>`))
	f.Add([]byte(`<!DOCTYPE x><VersioningConfiguration/>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := ParseVersioning(body)
		if err != nil {
			return
		}
		again, err := ParseVersioning(v.XML())
		if err != nil || again != v {
			t.Fatalf("round trip of %q: %+v, %v", body, again, err)
		}
	})
}

func FuzzParseCORS(f *testing.F) {
	f.Add(corsDoc(simpleRule))
	f.Add(corsDoc(`<CORSRule><ID>a&amp;b</ID><AllowedOrigin>http://test.com:80</AllowedOrigin><AllowedOrigin></AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds> 30 </MaxAgeSeconds></CORSRule>`))
	f.Add(corsDoc(`<CORSRule><AllowedOrigin>**</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>`))
	f.Add(corsDoc(`<CORSRule/>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := ParseCORS(body)
		if err != nil {
			return
		}
		out := c.XML()
		if len(out) > maxCORSBytes {
			return // escaping can grow a document past the request-size limit
		}
		again, err := ParseCORS(out)
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("round trip of %q: %+v, %v", body, again, err)
		}
	})
}

func FuzzParseLogging(f *testing.F) {
	f.Add([]byte(`<BucketLoggingStatus/>`))
	f.Add(loggingDoc(target + `<TargetGrants><Grant>` + grantee("CanonicalUser", `<ID></ID>`) + `<Permission>FULL_CONTROL</Permission></Grant></TargetGrants>`))
	f.Add(loggingDoc(target + `<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>DeliveryTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>`))
	f.Add(loggingDoc(target + `<TargetGrants><Grant>` + grantee("AmazonCustomerByEmail", `<EmailAddress>a@b</EmailAddress>`) + `<Permission>READ</Permission></Grant></TargetGrants>`))
	f.Add(loggingDoc(target + `<TargetGrants><Grant><Grantee xsi:type="Group"><URI>u</URI></Grantee><Permission>READ</Permission></Grant></TargetGrants>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		l, err := ParseLogging(body)
		if err != nil {
			return
		}
		again, err := ParseLogging(l.XML())
		if err != nil || !reflect.DeepEqual(again, l) {
			t.Fatalf("round trip of %q: %+v, %v", body, again, err)
		}
	})
}

func FuzzNormalisePolicy(f *testing.F) {
	f.Add([]byte(tlsOnlyPolicy), "demo")
	f.Add([]byte(stmt(allowAll+`,"Action":"s3:GetObject",`+objects)), "demo")
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","*"]},"NotAction":"s3:List*","NotResource":"arn:aws:s3:::demo","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`), "demo")
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b\u003c"}]}`), "b<")
	f.Add([]byte(`{}`), "demo")
	f.Add([]byte(`{"a":[[[[[[[]]]]]]]}`), "demo")
	f.Fuzz(func(t *testing.T, body []byte, bucket string) {
		out, public, err := NormalisePolicy(body, bucket)
		if err != nil {
			return
		}
		again, public2, err := NormalisePolicy(out, bucket)
		if err != nil || !bytes.Equal(again, out) || public2 != public {
			t.Fatalf("not idempotent for %q: %s (%v), %v", body, again, public2, err)
		}
	})
}

func FuzzParseLifecycle(f *testing.F) {
	f.Add([]byte(ns("LifecycleConfiguration", lcRule(`<ID>a</ID><Filter><And><Prefix>x</Prefix></And></Filter><Status>Enabled</Status>`+expire))))
	f.Add([]byte(`<LifecycleConfiguration><Rule><Prefix> </Prefix><Status> Disabled </Status><AbortIncompleteMultipartUpload/></Rule></LifecycleConfiguration>`))
	f.Add([]byte(`<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status></Rule></LifecycleConfiguration>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		l, err := ParseLifecycle(body)
		if err != nil {
			return
		}
		if l.Rules < 1 || l.Rules > maxLifecycleRules {
			t.Fatalf("accepted %d rules", l.Rules)
		}
		again, err := ParseLifecycle(l.XML())
		if err != nil || again.Rules != l.Rules || !bytes.Equal(again.Doc, l.Doc) {
			t.Fatalf("round trip of %q: %s, %v", body, again.Doc, err)
		}
	})
}

func FuzzParseDelete(f *testing.F) {
	f.Add([]byte(ns("Delete", `<Object><Key>a b</Key><VersionId>null</VersionId></Object><Quiet>false</Quiet>`)))
	f.Add([]byte(`<Delete><Object><Key>&lt;k&gt;</Key></Object></Delete>`))
	f.Add([]byte(`<Delete><Quiet>true</Quiet></Delete>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := ParseDelete(body)
		if err != nil {
			return
		}
		if len(d.Objects) < 1 || len(d.Objects) > maxDeleteObjects {
			t.Fatalf("accepted %d objects", len(d.Objects))
		}
		again, err := ParseDelete(deleteXML(d))
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Fatalf("round trip of %q: %+v, %v", body, again, err)
		}
	})
}

// deleteXML renders a Delete request the way an SDK would send it.
func deleteXML(d Delete) []byte {
	doc := newXMLDoc("Delete")
	for _, o := range d.Objects {
		doc.open("Object")
		doc.elem("Key", o.Key)
		if o.VersionID != "" {
			doc.elem("VersionId", o.VersionID)
		}
		doc.close("Object")
	}
	doc.boolElem("Quiet", d.Quiet)
	return doc.bytes()
}
